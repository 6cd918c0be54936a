package dev.embedkit.bench.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a TCP port is listening on, from Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the
 * benchmark checks that the server it started listens on loopback only.
 */
final class ListenAddress {
  private static final String LISTEN = "0A";

  private ListenAddress() {}

  /** "127.0.0.1", "::1", "0.0.0.0", "::" ... for each socket listening on {@code port}; empty where /proc is absent. */
  static List<String> of(int port) {
    List<String> addresses = new ArrayList<>();
    scan(Path.of("/proc/net/tcp"), port, addresses);
    scan(Path.of("/proc/net/tcp6"), port, addresses);
    return addresses;
  }

  static boolean loopbackOnly(List<String> addresses) {
    return !addresses.isEmpty() && addresses.stream()
        .allMatch(a -> a.startsWith("127.") || a.startsWith("::ffff:127.") || a.equals("::1"));
  }

  private static void scan(Path table, int port, List<String> addresses) {
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      return;
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 4 || !fields[3].equals(LISTEN)) {
        continue;
      }
      String[] local = fields[1].split(":");
      if (local.length == 2 && Integer.parseInt(local[1], 16) == port) {
        addresses.add(decode(local[0]));
      }
    }
  }

  /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
  static String decode(String hex) {
    if (hex.length() == 8) {
      long word = Long.parseLong(hex, 16);
      return (word & 0xff) + "." + (word >> 8 & 0xff) + "." + (word >> 16 & 0xff) + "." + (word >> 24 & 0xff);
    }
    if (hex.equals("00000000000000000000000000000000")) {
      return "::";
    }
    if (hex.equals("00000000000000000000000001000000")) {
      return "::1";
    }
    if (hex.startsWith("0000000000000000FFFF0000")) {
      return "::ffff:" + decode(hex.substring(24));
    }
    return hex;
  }
}
