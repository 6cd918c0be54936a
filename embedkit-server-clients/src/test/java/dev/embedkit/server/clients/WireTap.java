package dev.embedkit.server.clients;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A byte-for-byte TCP relay between a client and the server under test that keeps a copy of both directions, so a
 * test can show the exact request a third-party client sent and the server's exact answer. Nothing is parsed or
 * rewritten on the way: the server sees what the client wrote (headers, chunking, upgrade offers included). Bytes are
 * recorded before they are forwarded, so once a client has its response, the recording holds it.
 *
 * <p>Loopback only; each connection has two copying threads that end when either side closes.
 */
final class WireTap implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private WireTap(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "wiretap-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a relay in front of {@code baseUrl} ({@code http://127.0.0.1:PORT}). */
  static WireTap in(String baseUrl) {
    URI uri = URI.create(baseUrl);
    try {
      return new WireTap(new InetSocketAddress(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the relay: " + e, e);
    }
  }

  /** The relay's address, in the server's form: {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** Forgets what was recorded so far (call between client calls, when no request is in flight). */
  void clear() {
    for (Connection c : connections) {
      c.mark();
    }
  }

  /** Every request and response since the last {@link #clear()}, in the order their connections opened. */
  List<Exchange> exchanges() {
    List<Exchange> all = new ArrayList<>();
    for (Connection c : connections) {
      all.addAll(c.exchanges());
    }
    return all;
  }

  /** The only exchange since the last {@link #clear()} whose request path starts with {@code pathPrefix}. */
  Exchange only(String pathPrefix) {
    List<Exchange> matching = new ArrayList<>();
    for (Exchange e : exchanges()) {
      if (e.request().path().startsWith(pathPrefix)) {
        matching.add(e);
      }
    }
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one request to " + pathPrefix + ", recorded " + matching.size() + ":\n" + transcript());
    }
    return matching.get(0);
  }

  /** Everything since the last {@link #clear()}, readable, for failure messages. */
  String transcript() {
    StringBuilder out = new StringBuilder();
    for (Exchange e : exchanges()) {
      out.append(e.describe()).append('\n');
    }
    return out.length() == 0 ? "(nothing recorded)" : out.toString();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Connection c : connections) {
      c.close();
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 5_000);
        Connection c = new Connection(client, server);
        connections.add(c);
        c.start();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("wiretap: " + e);
        }
      }
    }
  }

  /** One client connection and the matching server connection, with both byte streams. */
  private static final class Connection {
    private final Socket client;
    private final Socket server;
    private final ByteArrayOutputStream up = new ByteArrayOutputStream();
    private final ByteArrayOutputStream down = new ByteArrayOutputStream();
    private int upMark;
    private int downMark;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      pump(client, server, up, "wiretap-up");
      pump(server, client, down, "wiretap-down");
    }

    synchronized void mark() {
      upMark = up.size();
      downMark = down.size();
    }

    List<Exchange> exchanges() {
      byte[] sent;
      byte[] received;
      synchronized (this) {
        byte[] u = up.toByteArray();
        byte[] d = down.toByteArray();
        sent = java.util.Arrays.copyOfRange(u, upMark, u.length);
        received = java.util.Arrays.copyOfRange(d, downMark, d.length);
      }
      List<HttpMessage> requests = HttpMessage.parseAll(sent, true);
      List<HttpMessage> responses = HttpMessage.parseAll(received, false);
      List<Exchange> out = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        out.add(new Exchange(requests.get(i), i < responses.size() ? responses.get(i) : null));
      }
      return out;
    }

    void close() {
      closeQuietly(client);
      closeQuietly(server);
    }

    private void pump(Socket from, Socket to, ByteArrayOutputStream record, String name) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
          OutputStream out = to.getOutputStream();
          int n;
          while ((n = in.read(buffer)) >= 0) {
            synchronized (this) {
              record.write(buffer, 0, n);
            }
            out.write(buffer, 0, n);
            out.flush();
          }
          to.shutdownOutput();
        } catch (IOException e) {
          closeQuietly(from);
          closeQuietly(to);
        }
      }, name);
      t.setDaemon(true);
      t.start();
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** A request and its response (null when none came back). */
  record Exchange(HttpMessage request, HttpMessage response) {
    String describe() {
      return ">>> " + request.describe() + "\n<<< " + (response == null ? "(no response)" : response.describe());
    }
  }

  /**
   * One HTTP/1.1 message as it went over the wire: start line, headers (names lower-cased, in order), and the body
   * with chunking and gzip undone (the raw framing is kept in {@link #framing()}).
   */
  record HttpMessage(String startLine, Map<String, List<String>> headers, byte[] body, String framing) {
    String path() {
      String[] parts = startLine.split(" ");
      return parts.length > 1 ? parts[1] : "";
    }

    int status() {
      String[] parts = startLine.split(" ");
      return Integer.parseInt(parts[1]);
    }

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(", ", values);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String describe() {
      StringBuilder s = new StringBuilder(startLine).append('\n');
      headers.forEach((k, vs) -> vs.forEach(v -> s.append("    ").append(k).append(": ").append(v).append('\n')));
      s.append("    [").append(framing).append(", ").append(body.length).append(" bytes]\n");
      String text = bodyText();
      s.append("    ").append(text.length() > 3000 ? text.substring(0, 3000) + "... (" + text.length() + " chars)" : text);
      return s.toString();
    }

    static List<HttpMessage> parseAll(byte[] bytes, boolean requests) {
      List<HttpMessage> out = new ArrayList<>();
      int[] pos = {0};
      while (pos[0] < bytes.length) {
        HttpMessage m = parseOne(bytes, pos, requests);
        if (m == null) {
          break;
        }
        out.add(m);
        if (!requests && m.startLine.contains(" 101 ")) {
          break; // protocol switched: what follows is not HTTP/1.1
        }
      }
      return out;
    }

    private static HttpMessage parseOne(byte[] b, int[] pos, boolean request) {
      int headerEnd = indexOf(b, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos[0]);
      if (headerEnd < 0) {
        return null;
      }
      String head = new String(b, pos[0], headerEnd - pos[0], StandardCharsets.ISO_8859_1);
      String[] lines = head.split("\r\n");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).trim());
        }
      }
      int p = headerEnd + 4;
      String te = first(headers, "transfer-encoding");
      String cl = first(headers, "content-length");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String framing;
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        framing = "chunked";
        while (true) {
          int lineEnd = indexOf(b, "\r\n".getBytes(StandardCharsets.ISO_8859_1), p);
          if (lineEnd < 0) {
            framing = "chunked, incomplete";
            p = b.length;
            break;
          }
          String sizeText = new String(b, p, lineEnd - p, StandardCharsets.ISO_8859_1).split(";")[0].trim();
          int size = Integer.parseInt(sizeText, 16);
          p = lineEnd + 2;
          if (size == 0) {
            int trailerEnd = indexOf(b, "\r\n".getBytes(StandardCharsets.ISO_8859_1), p);
            p = trailerEnd < 0 ? b.length : trailerEnd + 2;
            break;
          }
          int n = Math.min(size, b.length - p);
          body.write(b, p, n);
          p += n + 2;
        }
      } else if (cl != null) {
        int n = Math.min(Integer.parseInt(cl), b.length - p);
        framing = "content-length " + cl;
        body.write(b, p, n);
        p += n;
      } else if (request) {
        framing = "no body";
      } else {
        boolean noBody = lines[0].matches("HTTP/1\\.\\d (1\\d\\d|204|304).*");
        framing = noBody ? "no body" : "until close";
        if (!noBody) {
          body.write(b, p, b.length - p);
          p = b.length;
        }
      }
      pos[0] = Math.min(p, b.length);
      byte[] content = body.toByteArray();
      String ce = first(headers, "content-encoding");
      if (ce != null && ce.toLowerCase(Locale.ROOT).contains("gzip")) {
        framing += ", gzip";
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
          content = in.readAllBytes();
        } catch (IOException e) {
          framing += " (undecodable: " + e.getMessage() + ")";
        }
      }
      return new HttpMessage(lines[0], headers, content, framing);
    }

    private static String first(Map<String, List<String>> headers, String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
      outer:
      for (int i = from; i <= b.length - what.length; i++) {
        for (int j = 0; j < what.length; j++) {
          if (b[i + j] != what[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
