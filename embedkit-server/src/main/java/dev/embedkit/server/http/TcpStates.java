package dev.embedkit.server.http;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which TCP connections the peer has closed (state CLOSE_WAIT), read from Linux's {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}; a snapshot serves every question for {@link #SNAPSHOT_NANOS}. Reading them costs
 * about 9 ms of kernel time here, so the batcher asks only about jobs that waited (see
 * {@code BatchQueue.GONE_CHECK_AFTER_NANOS}) and a snapshot lives a second: at most one read a second under load
 * (a profile of the load benchmark found ten a second at a 100 ms lifetime). Where the files do not exist, no connection is reported closed.
 */
final class TcpStates {
  static final long SNAPSHOT_NANOS = 1_000_000_000L;
  private static final String CLOSE_WAIT = "08";
  private static final String IPV4_MAPPED = "0000000000000000FFFF0000";
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private static volatile Snapshot snapshot = new Snapshot(0, Set.of());

  private record Snapshot(long takenAt, Set<String> closedPorts) {}

  private TcpStates() {}

  static boolean closedByPeer(InetSocketAddress local, InetSocketAddress remote) {
    Snapshot current = snapshot;
    long now = System.nanoTime();
    if (now - current.takenAt() > SNAPSHOT_NANOS || current.takenAt() == 0) {
      current = new Snapshot(now, read());
      snapshot = current;
    }
    String key = key(local.getPort(), remote.getPort());
    return current.closedPorts().contains(key)
        && (!(remote.getAddress() instanceof Inet4Address) || current.closedPorts().contains(key + "@" + hex(remote)));
  }

  private static String key(int localPort, int remotePort) {
    return localPort + ">" + remotePort;
  }

  /** An IPv4 address as /proc/net/tcp writes it: four bytes in host (little-endian) order, in hex. */
  private static String hex(InetSocketAddress address) {
    byte[] b = address.getAddress().getAddress();
    return String.format(Locale.ROOT, "%02X%02X%02X%02X", b[3], b[2], b[1], b[0]);
  }

  private static Set<String> read() {
    Set<String> closed = new HashSet<>();
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 4 || !f[3].equals(CLOSE_WAIT)) {
            continue;
          }
          String[] local = f[1].split(":");
          String[] remote = f[2].split(":");
          String key = key(Integer.parseInt(local[1], 16), Integer.parseInt(remote[1], 16));
          closed.add(key);
          if (remote[0].length() == 8) {
            closed.add(key + "@" + remote[0]);
          } else if (remote[0].startsWith(IPV4_MAPPED)) { // Java's dual-stack sockets list IPv4 peers in tcp6
            closed.add(key + "@" + remote[0].substring(IPV4_MAPPED.length()));
          }
        }
      } catch (IOException | RuntimeException e) {
        // unreadable or unexpected: report nothing closed rather than drop a live client's work
      }
    }
    return closed;
  }
}
