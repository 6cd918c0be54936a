package dev.embedkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Talks to a Hugging Face hub (or a mirror at {@code HF_ENDPOINT}): the model API listing, HEAD for a file's
 * metadata, and GET for its bytes (with a Range to resume). Redirects are followed by hand: a HEAD follows only
 * relative ones (a renamed repo) so that the CDN location of a large file is seen, as huggingface_hub does; the
 * bearer token is dropped when a redirect leaves the hub's host.
 */
public final class HubClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAXIMUM_REDIRECTS = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HubSettings settings;
  private final HttpClient http;

  public HubClient(HubSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public HubSettings settings() {
    return settings;
  }

  /** The files of {@code repo} at {@code revision}, and the commit the revision points at. */
  public RepoListing listing(RepoId repo, String revision) {
    URI uri = URI.create(settings.endpoint() + "/api/models/" + repo.value() + "/revision/" + encode(revision));
    HttpResponse<InputStream> response = send(uri, "GET", -1, true, repo, revision, null);
    JsonNode body;
    try (InputStream in = response.body()) {
      body = JSON.readTree(in);
    } catch (IOException e) {
      throw EmbedkitException.model("the hub at " + settings.endpoint() + " answered " + uri + " with something that is not"
          + " JSON (" + e.getMessage() + "); is HF_ENDPOINT a Hugging Face hub or mirror?", e);
    }
    String commit = RepoPaths.checkCommit(body.path("sha").asText(null), uri.toString());
    List<String> files = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (JsonNode sibling : body.path("siblings")) {
      String name = sibling.path("rfilename").asText("");
      if (RepoPaths.isSafeFile(name)) {
        files.add(name);
        JsonNode lfs = sibling.path("lfs");
        sizes.add(sibling.has("size") ? sibling.get("size").asLong() : lfs.path("size").asLong(-1));
      }
    }
    return new RepoListing(commit, files, sizes);
  }

  /** HEAD on the file's resolve URL. */
  public FileMetadata metadata(RepoId repo, String revision, String file) {
    URI uri = resolveUri(repo, revision, file);
    HttpResponse<InputStream> response = send(uri, "HEAD", -1, false, repo, revision, file);
    closeQuietly(response);
    var headers = response.headers();
    String source = settings.endpoint().toString();
    String commit = RepoPaths.checkCommit(headers.firstValue("X-Repo-Commit").orElse(null), source);
    String etag = RepoPaths.checkEtag(RepoPaths.normalizeEtag(
        headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag")).orElse(null)), source);
    URI location = response.statusCode() / 100 == 3
        ? response.uri().resolve(headers.firstValue("Location").orElseThrow())
        : response.uri();
    long size = headers.firstValueAsLong("X-Linked-Size").orElse(headers.firstValueAsLong("Content-Length").orElse(-1));
    return new FileMetadata(commit, etag, location, size);
  }

  /** GET from {@code location}, from byte {@code from} when it is positive; the caller closes the body. */
  HttpResponse<InputStream> download(URI location, long from, RepoId repo, String revision, String file) {
    return send(location, "GET", from, true, repo, revision, file);
  }

  public URI resolveUri(RepoId repo, String revision, String file) {
    StringBuilder path = new StringBuilder();
    for (String part : file.split("/")) {
      path.append('/').append(encode(part));
    }
    return URI.create(settings.endpoint() + "/" + repo.value() + "/resolve/" + encode(revision) + path);
  }

  private HttpResponse<InputStream> send(URI uri, String method, long from, boolean followAll, RepoId repo,
      String revision, String file) {
    if (settings.offline()) {
      throw EmbedkitException.notFound("offline mode (HF_HUB_OFFLINE=1 or --offline) forbids fetching " + uri
          + "; unset it to download " + repo);
    }
    URI current = uri;
    for (int hop = 0; hop <= MAXIMUM_REDIRECTS; hop++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(RESPONSE_TIMEOUT)
          .header("User-Agent", "embedkit-hub/0.1; java/" + Runtime.version().feature())
          .header("Accept-Encoding", "identity")
          .method(method, HttpRequest.BodyPublishers.noBody());
      if (settings.hasToken() && sameHost(current, settings.endpoint())) {
        request.header("Authorization", "Bearer " + settings.token());
      }
      if (from > 0) {
        request.header("Range", "bytes=" + from + "-");
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        throw EmbedkitException.internal("the hub at " + current.getHost() + " did not answer within "
            + RESPONSE_TIMEOUT.toSeconds() + " s for " + current + "; try again, or set HF_ENDPOINT to a mirror", e);
      } catch (ConnectException e) {
        throw EmbedkitException.internal("cannot connect to " + current.getHost() + " (" + current + "): " + reason(e)
            + "; set HF_ENDPOINT to a reachable mirror, or HF_HUB_OFFLINE=1 to use cached models only", e);
      } catch (IOException e) {
        throw EmbedkitException.internal("network error talking to " + current + ": " + reason(e)
            + "; set HF_ENDPOINT to a reachable mirror, or HF_HUB_OFFLINE=1 to use cached models only", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw EmbedkitException.internal("interrupted while fetching " + current, e);
      }
      int status = response.statusCode();
      if (status / 100 == 3 && response.headers().firstValue("Location").isPresent()) {
        URI location = URI.create(response.headers().firstValue("Location").get());
        URI next = current.resolve(location);
        boolean relative = location.getHost() == null; // a renamed repo; the CDN's location is absolute
        if (followAll || relative) {
          closeQuietly(response);
          current = next;
          continue;
        }
        return response;
      }
      if (status == 200 || status == 206 || (status == 416 && from > 0)) {
        return response;
      }
      closeQuietly(response);
      throw failure(response, repo, revision, file);
    }
    throw EmbedkitException.internal("more than " + MAXIMUM_REDIRECTS + " redirects fetching " + uri, null);
  }

  /** One message per way the hub says no; the X-Error-Code header names the reason when the hub gives it. */
  private EmbedkitException failure(HttpResponse<?> response, RepoId repo, String revision, String file) {
    int status = response.statusCode();
    String code = response.headers().firstValue("X-Error-Code").orElse("");
    String page = settings.endpoint() + "/" + repo;
    if (code.equals("RevisionNotFound")) {
      return EmbedkitException.notFound("revision '" + revision + "' does not exist in " + repo
          + "; give a branch, tag or commit of the repo (default: main)");
    }
    if (code.equals("EntryNotFound") || (status == 404 && file != null && code.isEmpty())) {
      return EmbedkitException.notFound(repo + "@" + revision + " has no file " + file);
    }
    if (code.equals("GatedRepo") || ((status == 401 || status == 403) && !code.equals("RepoNotFound"))) {
      return EmbedkitException.invalidInput(settings.hasToken()
          ? repo + " refused the token in HF_TOKEN (HTTP " + status + "): accept the model's terms at " + page
              + " with the account the token belongs to, or use a token with read access"
          : repo + " is gated or private (HTTP " + status + "): set HF_TOKEN to a Hugging Face access token with read"
              + " access" + (code.equals("GatedRepo") ? " after accepting the model's terms at " + page : ""));
    }
    if (status == 404 || code.equals("RepoNotFound")) {
      return EmbedkitException.notFound("model repository " + repo + " not found on " + settings.endpoint()
          + (settings.hasToken() ? "" : " (if it is private, set HF_TOKEN)") + "; check the id, e.g. mixedbread-ai/mxbai-embed-large-v1");
    }
    if (status == 429) {
      return new EmbedkitException(dev.embedkit.ErrorKind.OVERLOADED, "the hub at " + settings.endpoint()
          + " is rate limiting (HTTP 429); wait and retry, or set HF_TOKEN for a higher limit");
    }
    return EmbedkitException.internal("the hub at " + response.uri().getHost() + " answered HTTP " + status + " for "
        + response.uri() + "; try again later or set HF_ENDPOINT to a mirror", null);
  }

  private static boolean sameHost(URI a, URI b) {
    return Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort()
        && Objects.equals(a.getScheme(), b.getScheme());
  }

  static void closeQuietly(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // nothing to do: the connection is dropped
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An exception's message, or its type when it has none (ConnectException often has none). */
  private static String reason(Exception e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
