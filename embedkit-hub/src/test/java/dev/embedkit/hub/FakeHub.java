package dev.embedkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Hugging Face Hub on 127.0.0.1: the model API listing, resolve URLs that answer HEAD and GET
 * with ETag / X-Repo-Commit, large (LFS) files redirected to a CDN path with X-Linked-Etag (sha256) and X-Linked-Size,
 * Range requests, 401 for gated repos without the right token, 404 with X-Error-Code for missing repos, revisions and
 * files, and a switch to cut the next CDN download short.
 */
final class FakeHub implements AutoCloseable {
  static final String TOKEN = "hf_test_token";
  /** Files at least this large are "LFS" files: redirected, named by sha256. */
  static final long LFS_THRESHOLD = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file of a fake repo. */
  record File(String name, byte[] small, Path large, long announcedSize) {
    long size() {
      return small != null ? small.length : large.toFile().length();
    }
  }

  /** A fake repo at one commit. */
  static final class Repo {
    final String id;
    final String commit;
    final boolean gated;
    final Map<String, File> files = new LinkedHashMap<>();
    String etagOverride;

    Repo(String id, String commit, boolean gated) {
      this.id = id;
      this.commit = commit;
      this.gated = gated;
    }

    Repo add(String name, Path file) {
      files.put(name, new File(name, null, file, -1));
      return this;
    }

    Repo add(String name, String content) {
      files.put(name, new File(name, content.getBytes(StandardCharsets.UTF_8), null, -1));
      return this;
    }

    Repo addHuge(String name, long announcedSize) {
      files.put(name, new File(name, new byte[] {1, 2, 3}, null, announcedSize));
      return this;
    }
  }

  private final HttpServer server;
  private final Map<String, Repo> repos = new ConcurrentHashMap<>();
  private final Map<String, Path> cdn = new ConcurrentHashMap<>();
  private final Map<Path, String> shaCache = new ConcurrentHashMap<>();
  final List<String> cdnRequests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Cut the next CDN response after this many bytes (-1: serve in full). */
  final AtomicLong cutNextAfter = new AtomicLong(-1);

  FakeHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Repo repo(String id, String commit, boolean gated) {
    Repo repo = new Repo(id, commit, gated);
    repos.put(id, repo);
    return repo;
  }

  /** A repo with the files of an extracted built-in pack folder (and a README and PyTorch weights not to fetch). */
  Repo repoFromPack(String id, String commit, Path packFolder) throws IOException {
    Repo repo = repo(id, commit, false);
    try (var walk = Files.walk(packFolder)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String name = packFolder.relativize(file).toString();
        if (!name.startsWith("embedkit-")) {
          repo.add(name, file);
        }
      }
    }
    repo.add("README.md", "# a model card\n").add("pytorch_model.bin", "not really weights");
    return repo;
  }

  long cdnRequestsFor(String sha) {
    return cdnRequests.stream().filter(r -> r.startsWith(sha)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      if (path.startsWith("/api/models/")) {
        listing(exchange, path.substring("/api/models/".length()));
      } else if (path.startsWith("/cdn/")) {
        cdn(exchange, path.substring("/cdn/".length()));
      } else if (path.contains("/resolve/")) {
        resolve(exchange, path.substring(1));
      } else {
        error(exchange, 404, "RepoNotFound");
      }
    } catch (IOException e) {
      // the client went away (or we cut it off on purpose)
    }
  }

  private void listing(HttpExchange exchange, String rest) throws IOException {
    int cut = rest.indexOf("/revision/");
    Repo repo = repos.get(rest.substring(0, cut));
    String revision = rest.substring(cut + "/revision/".length());
    if (repo == null) {
      error(exchange, 404, "RepoNotFound");
      return;
    }
    if (!revision.equals("main") && !revision.equals(repo.commit)) {
      error(exchange, 404, "RevisionNotFound");
      return;
    }
    List<Map<String, Object>> siblings = new ArrayList<>();
    for (File f : repo.files.values()) {
      siblings.add(Map.of("rfilename", f.name()));
    }
    byte[] body = JSON.writeValueAsBytes(Map.of("id", repo.id, "modelId", repo.id, "sha", repo.commit,
        "private", false, "gated", repo.gated ? "manual" : false, "siblings", siblings));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void resolve(HttpExchange exchange, String rest) throws IOException {
    int cut = rest.indexOf("/resolve/");
    Repo repo = repos.get(rest.substring(0, cut));
    if (repo == null) {
      error(exchange, 404, "RepoNotFound");
      return;
    }
    String after = rest.substring(cut + "/resolve/".length());
    String revision = after.substring(0, after.indexOf('/'));
    String fileName = after.substring(after.indexOf('/') + 1);
    if (repo.gated && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      error(exchange, 401, "GatedRepo");
      return;
    }
    if (!revision.equals("main") && !revision.equals(repo.commit)) {
      error(exchange, 404, "RevisionNotFound");
      return;
    }
    File file = repo.files.get(fileName);
    if (file == null) {
      error(exchange, 404, "EntryNotFound");
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("X-Repo-Commit", repo.commit);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (file.large() != null && file.size() >= LFS_THRESHOLD) {
      String sha = repo.etagOverride != null ? repo.etagOverride : sha256(file.large());
      cdn.put(sha, file.large());
      headers.set("X-Linked-Etag", "\"" + sha + "\"");
      headers.set("X-Linked-Size", String.valueOf(file.size()));
      headers.set("ETag", "\"" + gitSha1("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha).substring(0, 40) + "\"");
      headers.set("Location", endpoint() + "/cdn/" + sha + "?X-Amz-Signature=fake");
      exchange.sendResponseHeaders(302, -1);
      return;
    }
    byte[] content = file.small() != null ? file.small() : Files.readAllBytes(file.large());
    headers.set("ETag", "\"" + (repo.etagOverride != null ? repo.etagOverride : gitSha1Bytes(content)) + "\"");
    if (file.announcedSize() >= 0) {
      headers.set("X-Linked-Size", String.valueOf(file.announcedSize()));
    }
    if (head) {
      headers.set("Content-Length", String.valueOf(content.length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, content.length);
    exchange.getResponseBody().write(content);
  }

  private void cdn(HttpExchange exchange, String sha) throws IOException {
    Path file = cdn.get(sha);
    if (file == null) {
      error(exchange, 404, "");
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    cdnRequests.add(sha + " " + range);
    long size = Files.size(file);
    long from = 0;
    if (range != null && range.startsWith("bytes=")) {
      from = Long.parseLong(range.substring(6, range.indexOf('-')));
      if (from >= size) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
    }
    long length = size - from;
    long cut = cutNextAfter.getAndSet(-1);
    exchange.sendResponseHeaders(range != null ? 206 : 200, length);
    OutputStream out = exchange.getResponseBody();
    try (var in = Files.newInputStream(file)) {
      in.skipNBytes(from);
      long limit = cut >= 0 ? cut : length;
      byte[] buffer = new byte[1 << 16];
      long sent = 0;
      while (sent < limit) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
        out.write(buffer, 0, n);
        sent += n;
      }
    }
    if (cut >= 0) {
      out.flush();
      throw new IOException("cut short on purpose"); // closes the connection before Content-Length bytes
    }
  }

  private static void error(HttpExchange exchange, int status, String code) throws IOException {
    if (!code.isEmpty()) {
      exchange.getResponseHeaders().set("X-Error-Code", code);
    }
    byte[] body = ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
    if (!exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseBody().write(body);
    }
  }

  String sha256(Path file) {
    return shaCache.computeIfAbsent(file, f -> {
      try {
        return BlobDownloader.digest(f, "SHA-256", null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  static String gitSha1Bytes(byte[] content) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-1");
      digest.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().formatHex(digest.digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String gitSha1(String content) {
    return gitSha1Bytes(content.getBytes(StandardCharsets.UTF_8));
  }
}
