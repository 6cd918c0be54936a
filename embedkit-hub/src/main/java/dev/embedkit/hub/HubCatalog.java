package dev.embedkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What is in the hub cache and what can be pulled, for {@code embedkit models list / rm} (and any front end).
 *
 * <pre>{@code
 * HubCatalog catalog = new HubCatalog(HubSettings.fromEnvironment());
 * for (HubCatalog.CachedModel m : catalog.cached()) System.out.println(m.repo() + " " + m.sizeBytes());
 * }</pre>
 */
public final class HubCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A repo in the hub cache.
   *
   * @param repo ORG/NAME
   * @param alias the alias that names it, or null
   * @param refs "REVISION=COMMIT" for each recorded revision
   * @param snapshots cached commits
   * @param sizeBytes bytes on disk (blobs)
   * @param hasOnnx whether some snapshot holds an ONNX graph
   * @param folders model folders built for it under $EMBEDKIT_HOME/models (variants, aliases)
   */
  public record CachedModel(String repo, String alias, List<String> refs, List<String> snapshots, long sizeBytes,
      boolean hasOnnx, List<String> folders) {}

  /**
   * A model that can be pulled by alias.
   *
   * @param approxDownloadBytes approximate bytes of the default download
   * @param cached whether the hub cache (or the pack cache) already has it
   */
  public record RemoteModel(String alias, String repo, String modality, int dimensions, String pooling, int maxTokens,
      long approxDownloadBytes, boolean cached, String notes) {}

  /** What {@link #remove} deleted. */
  public record Removed(String name, List<Path> paths, long bytesFreed) {}

  private final HubSettings settings;
  private final HubCache cache;

  public HubCatalog(HubSettings settings) {
    this.settings = settings;
    this.cache = new HubCache(settings.cacheDir());
  }

  public List<CachedModel> cached() {
    List<CachedModel> models = new ArrayList<>();
    for (RepoId repo : cache.repos()) {
      Path snapshotsDir = cache.repoDir(repo).resolve("snapshots");
      List<String> snapshots = list(snapshotsDir).stream().filter(RepoPaths::isCommit).collect(Collectors.toList());
      boolean hasOnnx = snapshots.stream().anyMatch(c -> cache.snapshotFiles(repo, c).stream().anyMatch(f -> f.endsWith(".onnx")));
      List<String> refs = cache.refs(repo).stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList());
      models.add(new CachedModel(repo.value(), Alias.forRepo(repo).map(Alias::aliasName).orElse(null), refs, snapshots,
          cache.sizeOf(repo), hasOnnx, overlaysOf(repo)));
    }
    return models;
  }

  public List<RemoteModel> remote() {
    List<RemoteModel> models = new ArrayList<>();
    for (Alias alias : Alias.values()) {
      boolean cached = alias.pack().map(p -> new PackCache(dev.embedkit.model.EmbedkitHome.packs()).isCached(p))
          .orElseGet(() -> Files.isDirectory(cache.repoDir(new RepoId(alias.repoId())).resolve("snapshots")));
      models.add(new RemoteModel(alias.aliasName(), alias.repoId(), alias.modality(), alias.dimensions(), alias.pooling(),
          alias.maxSeqLength(), alias.approxDownloadBytes(), cached, alias.notes()));
    }
    return models;
  }

  /**
   * Removes a model: a repo id or alias deletes the repo from the hub cache and its folders under
   * $EMBEDKIT_HOME/models; a built-in pack name deletes the extracted pack.
   */
  public Removed remove(String name) {
    ModelRef ref = ModelRef.parse(name);
    Optional<Alias> alias = Alias.find(ref.id());
    Optional<BuiltinPack> pack = alias.flatMap(Alias::pack).or(() -> BuiltinPack.find(ref.id()));
    List<Path> removed = new ArrayList<>();
    long bytes = 0;
    try {
      if (pack.isPresent()) {
        Path folder = PackCache.standard().folderOf(pack.get());
        if (Files.isDirectory(folder)) {
          bytes += sizeOfTree(folder);
          HubCache.deleteRecursively(folder);
          removed.add(folder);
        }
      } else {
        RepoId repo = alias.map(a -> new RepoId(a.repoId())).orElseGet(() -> new RepoId(ref.id()));
        for (String overlay : overlaysOf(repo)) {
          Path folder = settings.overlayDir().resolve(overlay);
          HubCache.deleteRecursively(folder);
          removed.add(folder);
        }
        long size = cache.sizeOf(repo);
        if (cache.remove(repo)) {
          bytes += size;
          removed.add(cache.repoDir(repo));
        }
      }
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot remove " + name + ": " + e.getMessage(), e);
    }
    if (removed.isEmpty()) {
      throw EmbedkitException.notFound(name + " is not cached; cached models are: "
          + cache.repos().stream().map(RepoId::value).collect(Collectors.joining(", ", "[", "]")));
    }
    return new Removed(name, removed, bytes);
  }

  private List<String> overlaysOf(RepoId repo) {
    List<String> result = new ArrayList<>();
    try {
      for (String name : ModelOverlay.names(settings.overlayDir())) {
        Map<?, ?> manifest = JSON.readValue(settings.overlayDir().resolve(name).resolve(ModelOverlay.MANIFEST).toFile(), Map.class);
        if (repo.value().equals(manifest.get("repo"))) {
          result.add(name);
        }
      }
    } catch (IOException e) {
      // unreadable overlay manifests are skipped
    }
    return result;
  }

  private static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }

  private static long sizeOfTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
