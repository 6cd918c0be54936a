package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.progress.ProgressMode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Where the hub client talks to and caches into, read the way huggingface_hub reads it: {@code HF_ENDPOINT},
 * {@code HF_TOKEN} (else the token file {@code huggingface-cli login} writes), {@code HF_HOME} / {@code HF_HUB_CACHE},
 * {@code HF_HUB_OFFLINE}. A system property {@code embedkit.hub.*} wins over the variable (for applications that
 * embed the library, and for tests).
 *
 * @param endpoint hub base URL, no trailing slash
 * @param token bearer token or null
 * @param cacheDir the hub cache ({@code $HF_HOME/hub})
 * @param overlayDir where alias and variant folders go ({@code $EMBEDKIT_HOME/models})
 * @param offline never touch the network
 * @param autoPull pull a model on first use when it is not cached (never when offline)
 * @param progress how downloads show progress on stderr: a live bar on a terminal, plain lines otherwise
 */
public record HubSettings(URI endpoint, String token, Path cacheDir, Path overlayDir, boolean offline, boolean autoPull,
    ProgressMode progress) {
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
  private static final Set<String> TRUE = Set.of("1", "on", "yes", "true");

  public HubSettings {
    String text = endpoint.toString();
    if (!text.startsWith("http://") && !text.startsWith("https://")) {
      throw EmbedkitException.invalidInput("HF_ENDPOINT must be an http(s) URL; HF_ENDPOINT=" + text);
    }
    if (text.endsWith("/")) {
      endpoint = URI.create(text.substring(0, text.length() - 1));
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
    Objects.requireNonNull(progress, "progress");
  }

  /** Settings from the process environment and system properties. */
  public static HubSettings fromEnvironment() {
    return from(System.getenv(), System.getProperties());
  }

  static HubSettings from(Map<String, String> env, Properties props) {
    String home = first(env.get("HF_HOME"), null);
    Path hfHome;
    if (home != null) {
      hfHome = Path.of(home);
    } else {
      String xdg = env.get("XDG_CACHE_HOME");
      hfHome = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
          .resolve("huggingface");
    }
    String cache = first(props.getProperty("embedkit.hub.cache"), first(env.get("HF_HUB_CACHE"), env.get("HUGGINGFACE_HUB_CACHE")));
    Path cacheDir = cache != null ? Path.of(cache) : hfHome.resolve("hub");
    String token = first(props.getProperty("embedkit.hub.token"), first(env.get("HF_TOKEN"), env.get("HUGGING_FACE_HUB_TOKEN")));
    if (token == null) {
      token = readTokenFile(Path.of(first(env.get("HF_TOKEN_PATH"), hfHome.resolve("token").toString())));
    }
    String endpoint = first(props.getProperty("embedkit.hub.endpoint"), first(env.get("HF_ENDPOINT"), DEFAULT_ENDPOINT));
    boolean offline = isTrue(first(props.getProperty("embedkit.hub.offline"), env.get("HF_HUB_OFFLINE")));
    String autoPull = first(props.getProperty("embedkit.hub.autopull"), env.get("EMBEDKIT_AUTO_PULL"));
    ProgressMode progress = ProgressMode.forStderr();
    return new HubSettings(endpoint(endpoint), token, cacheDir, EmbedkitHome.models(), offline,
        autoPull == null || isTrue(autoPull), progress);
  }

  /** The hub's address; a malformed one is the user's setting to fix, named as such. */
  static URI endpoint(String value) {
    try {
      URI uri = new URI(value.strip());
      if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new URISyntaxException(value, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw EmbedkitException.invalidInput("HF_ENDPOINT (or -Dembedkit.hub.endpoint) is not a usable address: '" + value
          + "' (" + e.getReason() + "); expected an http(s) URL such as " + DEFAULT_ENDPOINT);
    }
  }

  public HubSettings withOffline(boolean offline) {
    return new HubSettings(endpoint, token, cacheDir, overlayDir, offline, autoPull, progress);
  }

  public HubSettings withProgress(ProgressMode progress) {
    return new HubSettings(endpoint, token, cacheDir, overlayDir, offline, autoPull, progress);
  }

  public HubSettings withAutoPull(boolean autoPull) {
    return new HubSettings(endpoint, token, cacheDir, overlayDir, offline, autoPull, progress);
  }

  public HubSettings withToken(String token) {
    return new HubSettings(endpoint, token, cacheDir, overlayDir, offline, autoPull, progress);
  }

  public boolean hasToken() {
    return token != null;
  }

  @Override
  public String toString() {
    // Never print the token.
    return "HubSettings[endpoint=" + endpoint + ", token=" + (token == null ? "none" : "set") + ", cacheDir=" + cacheDir
        + ", overlayDir=" + overlayDir + ", offline=" + offline + ", autoPull=" + autoPull + "]";
  }

  static boolean isTrue(String value) {
    return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  private static String first(String value, String fallback) {
    return value != null && !value.isBlank() ? value.trim() : fallback;
  }

  private static String readTokenFile(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
