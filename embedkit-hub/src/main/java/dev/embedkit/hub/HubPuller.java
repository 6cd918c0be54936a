package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import dev.embedkit.progress.ProgressBar;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a model by repo id or alias into the hub cache and returns a folder that loads like any local model folder.
 * {@link #pull} asks the hub for the revision's current commit and fetches what is missing or corrupt;
 * {@link #cached} never touches the network; {@link #resolve} is what loading by name uses: the cached snapshot
 * first, a pull only when it is missing and pulling on first use is allowed (not offline, auto-pull not off).
 */
public final class HubPuller {
  private static final Logger LOG = LoggerFactory.getLogger(HubPuller.class);

  private final HubSettings settings;
  private final HubCache cache;
  private final PrintWriter err;

  public HubPuller(HubSettings settings, PrintWriter err) {
    this.settings = settings;
    this.cache = new HubCache(settings.cacheDir());
    this.err = err;
  }

  public HubPuller(HubSettings settings) {
    this(settings, new PrintWriter(System.err, true));
  }

  public HubCache cache() {
    return cache;
  }

  public HubSettings settings() {
    return settings;
  }

  /** What a typed name stands for: the alias (if any), the repo, revision and variant. */
  record Target(Alias alias, RepoId repo, ModelRef ref) {
    static Target of(ModelRef ref) {
      Optional<Alias> alias = Alias.find(ref.id());
      if (alias.isPresent()) {
        return new Target(alias.get(), new RepoId(alias.get().repoId()), ref);
      }
      RepoId repo = new RepoId(ref.id());
      return new Target(Alias.forRepo(repo).orElse(null), repo, ref);
    }

    Optional<BuiltinPack> pack() {
      return alias == null ? Optional.empty() : alias.pack();
    }

    List<String> onnxPatterns() {
      return alias != null ? alias.onnxPatterns() : List.of(String.join("|", OnnxVariant.DEFAULT_PATTERNS));
    }
  }

  /** Fetches the model's files for the revision's current commit; offline, the cached snapshot or a clear failure. */
  public PulledModel pull(ModelRef ref) {
    Target target = Target.of(ref);
    if (target.pack().isPresent()) {
      return fromPack(ref, target.pack().get());
    }
    if (settings.offline()) {
      return cachedOrExplain(target);
    }
    HubClient client = new HubClient(settings);
    RepoListing listing = client.listing(target.repo(), ref.revision());
    String commit = listing.commit();
    FileSelection selection = FileSelection.select(target.repo().value(), listing.files(), ref.variant(), target.onnxPatterns());
    BlobDownloader downloader = new BlobDownloader(client, cache, settings.progress().bar(err, "", 0, ProgressBar.Unit.BYTES));
    long downloaded = 0;
    long size = 0;
    for (String file : selection.files()) {
      FileMetadata meta = client.metadata(target.repo(), commit, file);
      if (!meta.commit().equals(commit)) {
        LOG.warn("{}: {} answered for commit {} while the listing said {}", target.repo(), file, meta.commit(), commit);
      }
      downloaded += downloader.fetch(target.repo(), commit, file, meta);
      size += Math.max(meta.size(), 0);
    }
    try {
      cache.writeRef(target.repo(), ref.revision(), commit);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write refs/" + ref.revision() + " in " + cache.repoDir(target.repo()) + ": " + e.getMessage(), e);
    }
    Path folder = folderFor(target, commit, selection);
    return new PulledModel(ref.toString(), target.repo().value(), commit, folder, selection, downloaded, size, null);
  }

  /** The cached model, without any network access; empty when it is not (completely) cached. */
  public Optional<PulledModel> cached(ModelRef ref) {
    try {
      return Optional.of(cachedOrExplain(Target.of(ref)));
    } catch (EmbedkitException e) {
      if (e.getMessage().startsWith("offline")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Cached snapshot first; otherwise pull, when allowed. */
  public PulledModel resolve(ModelRef ref) {
    Target target = Target.of(ref);
    if (target.pack().isPresent()) {
      return fromPack(ref, target.pack().get());
    }
    Optional<PulledModel> cached = cached(ref);
    if (cached.isPresent()) {
      return cached.get();
    }
    if (settings.offline()) {
      return cachedOrExplain(target); // throws, naming what is missing
    }
    if (!settings.autoPull()) {
      throw EmbedkitException.notFound(ref + " is not in the hub cache at " + cache.root() + " and pulling on first use is"
          + " off (EMBEDKIT_AUTO_PULL=0); fetch it with: embedkit models pull " + ref);
    }
    LOG.info("{}: not cached; pulling it from {} (first use only)", ref, settings.endpoint());
    return pull(ref);
  }

  private PulledModel cachedOrExplain(Target target) {
    ModelRef ref = target.ref();
    String hint = "; pull it while online with: embedkit models pull " + ref;
    Optional<String> commit = cache.commitFor(target.repo(), ref.revision());
    if (commit.isEmpty()) {
      boolean repoCached = Files.isDirectory(cache.repoDir(target.repo()));
      throw EmbedkitException.notFound("offline: " + target.repo() + (repoCached
          ? " is in the hub cache at " + cache.root() + " but revision '" + ref.revision() + "' is not"
          : " is not in the hub cache at " + cache.root()) + hint);
    }
    List<String> files = cache.snapshotFiles(target.repo(), commit.get());
    FileSelection selection;
    try {
      selection = FileSelection.select(target.repo().value(), files, ref.variant(), target.onnxPatterns());
    } catch (EmbedkitException e) {
      throw EmbedkitException.notFound("offline: " + target.repo() + "@" + ref.revision() + " is cached (commit "
          + commit.get() + ") without what the model needs: " + e.getMessage() + hint);
    }
    Path snapshot = cache.snapshotDir(target.repo(), commit.get());
    long size = 0;
    for (String file : selection.files()) {
      try {
        size += Files.size(snapshot.resolve(file));
      } catch (IOException e) {
        throw EmbedkitException.notFound("offline: " + target.repo() + " snapshot " + commit.get() + " has a broken link for "
            + file + hint);
      }
    }
    Path folder = folderFor(target, commit.get(), selection);
    return new PulledModel(ref.toString(), target.repo().value(), commit.get(), folder, selection, 0, size, null);
  }

  private Path folderFor(Target target, String commit, FileSelection selection) {
    Path snapshot = cache.snapshotDir(target.repo(), commit);
    String variant = target.ref().variant();
    if (!ModelOverlay.needed(target.alias(), variant, selection)) {
      return snapshot;
    }
    return ModelOverlay.build(settings.overlayDir(), ModelOverlay.folderName(target.repo(), target.alias(), variant),
        snapshot, target.repo(), commit, variant, selection, target.alias());
  }

  private PulledModel fromPack(ModelRef ref, BuiltinPack pack) {
    if (ref.variant() != null && !ref.variant().equals("int8") && !ref.variant().equals("quantized")) {
      throw EmbedkitException.notFound(ref.id() + " is the built-in pack " + pack.packName() + "; its variants are: default,"
          + " int8");
    }
    BuiltinPack chosen = ref.variant() == null ? pack : BuiltinPack.byName(pack.packName() + "-int8");
    Path folder = PackCache.standard().materialize(chosen);
    FileSelection files = new FileSelection(List.of("onnx/model.onnx"), List.of("onnx/model.onnx", "tokenizer.json"));
    return new PulledModel(ref.toString(), chosen.repoId(), chosen.coordinates(), folder, files, 0, chosen.onnxSize(),
        chosen.packName());
  }
}
