package dev.embedkit.hub;

import dev.embedkit.spi.ModelSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lets {@code Embedkit.load("mixedbread-ai/mxbai-embed-large-v1")} and {@code Embedkit.load("mxbai-embed-large")} work:
 * claims aliases and names shaped like {@code ORG/NAME[:VARIANT][@REVISION]}, answers from the hub cache first, and
 * pulls on first use unless offline ({@code HF_HUB_OFFLINE=1}) or auto-pull is off ({@code EMBEDKIT_AUTO_PULL=0}).
 * Registered in META-INF/services/dev.embedkit.spi.ModelSource.
 */
public final class HubModelSource implements ModelSource {
  @Override
  public Optional<Path> resolve(String name) {
    if (!claims(name)) {
      return Optional.empty();
    }
    return Optional.of(new HubPuller(HubSettings.fromEnvironment()).resolve(ModelRef.parse(name)).folder());
  }

  /** Aliases, and ORG/NAME shapes (a bare word or a longer path is not ours). */
  static boolean claims(String name) {
    String id = name.trim();
    int cut = indexOfAny(id);
    String base = cut >= 0 ? id.substring(0, cut) : id;
    return Alias.find(base).isPresent() || RepoId.looksLikeRepoId(base);
  }

  private static int indexOfAny(String text) {
    int at = text.indexOf('@');
    int colon = text.indexOf(':');
    if (at < 0) {
      return colon;
    }
    return colon < 0 ? at : Math.min(at, colon);
  }

  @Override
  public List<String> knownNames() {
    List<String> names = new ArrayList<>();
    for (Alias alias : Alias.values()) {
      names.add(alias.aliasName());
    }
    try {
      new HubCache(HubSettings.fromEnvironment().cacheDir()).repos().forEach(r -> names.add(r.value()));
    } catch (RuntimeException e) {
      // an unreadable cache only shortens the list of suggestions
    }
    return names;
  }

  @Override
  public int priority() {
    return 100;
  }
}
