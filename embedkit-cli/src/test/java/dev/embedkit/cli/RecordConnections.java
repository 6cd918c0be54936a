package dev.embedkit.cli;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the CLI in this JVM and writes every network destination it reached for to the file named by the system
 * property {@code record.connections}: each URL a connection asked the JVM-wide proxy selector about (every
 * HttpURLConnection and HttpClient does), and, where the JDK still allows a security manager (17 to 23), every socket
 * connect and host name lookup. With {@code --library MODEL} it loads and uses the model through the library API
 * instead of the CLI. Started by {@link NoOutboundConnectionsTest} as a child JVM.
 */
public final class RecordConnections {
  private RecordConnections() {}

  public static void main(String[] args) throws IOException {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ProxySelector previous = ProxySelector.getDefault();
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        seen.add("url " + uri);
        return previous == null ? List.of(Proxy.NO_PROXY) : previous.select(uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    });
    try {
      System.setSecurityManager(new SecurityManager() {
        @Override
        public void checkPermission(Permission permission) {}

        @Override
        public void checkPermission(Permission permission, Object context) {}

        @Override
        public void checkConnect(String host, int port) {
          seen.add(port < 0 ? "lookup " + host : "connect " + host + ":" + port);
        }

        @Override
        public void checkConnect(String host, int port, Object context) {
          checkConnect(host, port);
        }
      });
      seen.add("(security manager on)");
    } catch (UnsupportedOperationException | SecurityException e) {
      seen.add("(security manager unavailable on this JDK: proxy selector only)");
    }
    int code;
    if (args.length > 0 && args[0].equals("--library")) {
      // as a library user's program: no CLI, no launcher, no logging set up by embedkit
      try (dev.embedkit.EmbeddingModel model = dev.embedkit.Embedkit.load(args[1])) {
        System.out.println(model.embed(List.of("The weather is lovely today.")).vectors().get(0).length);
      }
      code = 0;
    } else {
      code = EmbedkitCli.run(args, System.out, System.err);
    }
    System.setSecurityManager(null);
    Files.write(Path.of(System.getProperty("record.connections")), new ArrayList<>(seen));
    System.exit(code);
  }
}
