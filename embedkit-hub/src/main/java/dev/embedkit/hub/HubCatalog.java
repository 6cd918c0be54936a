package dev.embedkit.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.io.TempFiles;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What is in the hub cache and what can be pulled, for {@code embedkit models list / rm} (and any front end). Two
 * things are kept apart throughout: a model in the Hugging Face cache ("cached"), and the extracted copy of a built-in
 * pack under $EMBEDKIT_HOME/packs, which may hold the same model but came from a jar.
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
   * @param cached whether the Hugging Face cache holds a snapshot of the repo (a built-in pack does not count)
   * @param builtInPack the built-in pack of the same model, or null: it runs without any download
   * @param builtInExtracted whether that pack is extracted under $EMBEDKIT_HOME/packs
   */
  public record RemoteModel(String alias, String repo, String modality, int dimensions, String pooling, int maxTokens,
      long approxDownloadBytes, boolean cached, String builtInPack, boolean builtInExtracted, String notes) {}

  /**
   * Everything {@link #remove} can delete now, by the names it accepts.
   *
   * @param hubModels repo ids in the Hugging Face cache, each with its alias when it has one
   * @param extractedPacks built-in packs with an extracted copy
   */
  public record Removable(List<String> hubModels, List<String> extractedPacks) {
    /** The list for an error message, one line. */
    String describe(Path hubCache, Path packs) {
      if (hubModels.isEmpty() && extractedPacks.isEmpty()) {
        return "nothing can be removed: the Hugging Face cache at " + hubCache + " holds no models and no built-in pack"
            + " is extracted under " + packs;
      }
      return "what can be removed: hub models " + listed(hubModels) + " (Hugging Face cache at " + hubCache + ");"
          + " extracted built-in packs " + listed(extractedPacks) + " (under " + packs + ")";
    }

    private static String listed(List<String> names) {
      return names.isEmpty() ? "none" : String.join(", ", names);
    }
  }

  private final HubSettings settings;
  private final HubCache cache;
  private final PackCache packs;

  public HubCatalog(HubSettings settings) {
    this.settings = settings;
    this.cache = new HubCache(settings.cacheDir());
    this.packs = PackCache.standard();
  }

  public List<CachedModel> cached() {
    List<CachedModel> models = new ArrayList<>();
    for (RepoId repo : cache.repos()) {
      List<String> snapshots = snapshotsOf(repo);
      boolean hasOnnx = snapshots.stream().anyMatch(c -> cache.snapshotFiles(repo, c).stream().anyMatch(f -> f.endsWith(".onnx")));
      List<String> refs = cache.refs(repo).stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList());
      models.add(new CachedModel(repo.value(), Alias.forRepo(repo).map(Alias::aliasName).orElse(null), refs, snapshots,
          cache.sizeOf(repo), hasOnnx, overlaysOf(repo)));
    }
    return models;
  }

  public List<RemoteModel> remote() {
    Set<String> inHubCache = cache.repos().stream().filter(r -> !snapshotsOf(r).isEmpty())
        .map(r -> r.value().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    List<RemoteModel> models = new ArrayList<>();
    for (Alias alias : Alias.values()) {
      Optional<BuiltinPack> pack = alias.pack().or(() -> BuiltinPack.find(alias.repoId()));
      models.add(new RemoteModel(alias.aliasName(), alias.repoId(), alias.modality(), alias.dimensions(), alias.pooling(),
          alias.maxSeqLength(), alias.approxDownloadBytes(), inHubCache.contains(alias.repoId().toLowerCase(Locale.ROOT)),
          pack.map(BuiltinPack::packName).orElse(null), pack.map(packs::isCached).orElse(false), alias.notes()));
    }
    return models;
  }

  /** What {@link #remove} accepts right now. */
  public Removable removable() {
    List<String> hubModels = new ArrayList<>();
    for (RepoId repo : cache.repos()) {
      hubModels.add(repo.value() + Alias.forRepo(repo).map(a -> " (" + a.aliasName() + ")").orElse(""));
    }
    List<String> extracted = Arrays.stream(BuiltinPack.values())
        .filter(p -> Files.isDirectory(packs.folderOf(p), LinkOption.NOFOLLOW_LINKS)).map(BuiltinPack::packName).toList();
    return new Removable(hubModels, extracted);
  }

  /**
   * Removes a model. A repo id deletes the repo from the hub cache and the folders under $EMBEDKIT_HOME/models that
   * link to it; an alias does the same for its repo, except an alias that stands for a built-in pack; a built-in pack
   * name deletes the pack's extracted copy (extracted again on next use). A repo id never means a built-in pack here,
   * even where loading by that id would use the pack: the id names what is in the Hugging Face cache.
   *
   * @throws EmbedkitException NOT_FOUND when there is nothing by that name, listing what can be removed
   */
  public Removed remove(String name) {
    ModelRef ref = ModelRef.parse(name);
    if (!ref.id().equals(name.strip())) {
      // a revision or variant names part of a model, and removing the whole repo for it would delete more than asked
      throw EmbedkitException.invalidInput("models rm removes a whole model: give '" + ref.id() + "' without the "
          + "revision or variant in '" + name + "' (the Hugging Face cache keeps all of a model's revisions together)");
    }
    String id = ref.id();
    Optional<Alias> alias = Alias.find(id);
    Optional<BuiltinPack> pack = alias.isPresent() ? alias.get().pack() : packNamed(id);
    try {
      if (pack.isPresent()) {
        return removePack(name, pack.get());
      }
      Optional<RepoId> repo = alias.map(a -> new RepoId(a.repoId())).or(() -> repoId(id));
      if (repo.isEmpty()) {
        throw nothingToRemove("'" + name + "' is neither a model in the Hugging Face cache nor a built-in pack");
      }
      return removeRepo(name, asCached(repo.get()), alias.isPresent());
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot remove " + name + ": " + e.getMessage(), e);
    }
  }

  private Removed removePack(String name, BuiltinPack pack) throws IOException {
    Path folder = packs.folderOf(pack);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw nothingToRemove(pack.packName() + " is a built-in pack that is not extracted, so there is nothing to remove");
    }
    long bytes = sizeOfTree(folder);
    // Renamed away in one step first: a process loading the pack meanwhile sees it whole or absent (and extracts it).
    Path aside = TempFiles.register(folder.resolveSibling(".trash-" + UUID.randomUUID()));
    Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
    TempFiles.delete(aside); // also on Ctrl-C, through TempFiles' shutdown hook
    return new Removed(name, Removed.Kind.BUILT_IN_PACK, pack.packName(), folder, bytes, 0, 0, List.of());
  }

  private Removed removeRepo(String name, RepoId repo, boolean byAlias) throws IOException {
    List<Path> folders = new ArrayList<>();
    for (String overlay : overlaysOf(repo)) {
      Path folder = settings.overlayDir().resolve(overlay);
      HubCache.deleteRecursively(folder); // links into the hub cache are deleted as links, never followed
      folders.add(folder);
    }
    int snapshots = snapshotsOf(repo).size();
    int blobs = list(cache.repoDir(repo).resolve("blobs")).size();
    long size = cache.sizeOf(repo);
    boolean inHubCache = cache.remove(repo);
    if (!inHubCache && folders.isEmpty()) {
      throw nothingToRemove(byAlias || RepoId.looksLikeRepoId(repo.value()) ? repo + " is not in the Hugging Face cache"
          : "'" + name + "' is not a built-in pack, an alias or a model in the Hugging Face cache");
    }
    return new Removed(name, Removed.Kind.HUB_MODEL, repo.value(), cache.repoDir(repo), inHubCache ? size : 0,
        inHubCache ? snapshots : 0, inHubCache ? blobs : 0, folders);
  }

  private EmbedkitException nothingToRemove(String why) {
    return EmbedkitException.notFound(why + "; " + removable().describe(cache.root(),
        packs.folderOf(BuiltinPack.DEFAULT).getParent()));
  }

  /** A built-in pack by its exact name (not by repo id: in {@code rm} a repo id means the hub cache's copy). */
  private static Optional<BuiltinPack> packNamed(String id) {
    return Arrays.stream(BuiltinPack.values()).filter(p -> p.packName().equalsIgnoreCase(id.trim())).findFirst();
  }

  private static Optional<RepoId> repoId(String id) {
    try {
      return Optional.of(new RepoId(id));
    } catch (EmbedkitException e) {
      return Optional.empty(); // not shaped like a repo id: certainly not in the cache
    }
  }

  /** The repo as the cache spells it: the hub treats ids case-insensitively, the cache folder keeps one spelling. */
  private RepoId asCached(RepoId repo) {
    return cache.repos().stream().filter(r -> r.value().equalsIgnoreCase(repo.value())).findFirst().orElse(repo);
  }

  private List<String> snapshotsOf(RepoId repo) {
    return list(cache.repoDir(repo).resolve("snapshots")).stream().filter(RepoPaths::isCommit).collect(Collectors.toList());
  }

  private List<String> overlaysOf(RepoId repo) {
    List<String> result = new ArrayList<>();
    List<String> names;
    try {
      names = ModelOverlay.names(settings.overlayDir());
    } catch (IOException e) {
      return result;
    }
    for (String name : names) {
      try {
        Map<?, ?> manifest = JSON.readValue(settings.overlayDir().resolve(name).resolve(ModelOverlay.MANIFEST).toFile(), Map.class);
        if (manifest.get("repo") instanceof String recorded && repo.value().equalsIgnoreCase(recorded)) {
          result.add(name);
        }
      } catch (IOException e) {
        // an unreadable manifest is skipped; the other folders are still found
      }
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
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
