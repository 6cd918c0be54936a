package dev.embedkit.store;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.EmbedkitException;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.store.spi.CollectionBackend;
import dev.embedkit.store.spi.CollectionBackends;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The collections under one folder, by default {@code $EMBEDKIT_HOME/collections}: each in {@code ROOT/NAME}.
 *
 * <pre>{@code
 * try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
 *   EmbeddedCollections collections = EmbeddedCollections.atHome(name -> model);
 *   try (Collection docs = collections.create(CollectionSpec.of("docs", "all-minilm-l6-v2"))) {
 *     docs.add(List.of(Document.of("1", "A man is eating food.")));
 *     List<SearchHit> hits = docs.search(SearchRequest.of(Query.text("Someone eats")));
 *   }
 * }
 * }</pre>
 */
public final class EmbeddedCollections {
  private final Path root;
  private final Function<String, EmbeddingModel> models;
  private final ImageLoader images;

  /**
   * @param root the folder holding one folder per collection
   * @param models loads (or hands out an already loaded) model by name; the caller owns and closes the models
   */
  public EmbeddedCollections(Path root, Function<String, EmbeddingModel> models) {
    this(root, models, null);
  }

  /**
   * @param images how the collections read documents' and queries' images (a server passes its own, with the URL
   *     policy it was started with); null for each model's own loader
   */
  public EmbeddedCollections(Path root, Function<String, EmbeddingModel> models, ImageLoader images) {
    this.root = root;
    this.models = models;
    this.images = images;
  }

  /** Collections under {@code $EMBEDKIT_HOME/collections}. */
  public static EmbeddedCollections atHome(Function<String, EmbeddingModel> models) {
    return new EmbeddedCollections(EmbedkitHome.path().resolve("collections"), models);
  }

  public Path root() {
    return root;
  }

  /** The folder of a collection (the name checked first: no path characters). */
  public Path folder(String name) {
    CollectionConfig.checkName(name);
    return root.resolve(name);
  }

  /**
   * Creates a collection: with a model, its dimensions and similarity come from the model and its fingerprint is
   * recorded; without one, the spec's dimensions are required.
   */
  public LuceneCollection create(CollectionSpec spec) {
    Path folder = folder(spec.name());
    refuseExisting(spec.name(), folder);
    EmbedkitHome.createFolder(root);
    EmbeddingModel model = spec.model() == null ? null : models.apply(spec.model());
    return LuceneCollection.create(folder, config(spec, model), model, images);
  }

  /**
   * Creates a collection on another engine ({@code backend}: a {@link CollectionBackend}'s name, e.g. "solr";
   * {@value CollectionBackends#EMBEDDED} or null for {@link #create(CollectionSpec)}), registered here under its
   * name so that {@link #openAny} finds it: the remote collection is made first, then {@code NAME/collection.json}
   * and {@code NAME/backend.json} are written.
   */
  public Collection create(CollectionSpec spec, String backend, Map<String, String> location) {
    if (backend == null || backend.equals(CollectionBackends.EMBEDDED)) {
      if (location != null && !location.isEmpty()) {
        throw EmbedkitException.invalidInput("the embedded backend takes no location (" + String.join(", ",
            new TreeMap<>(location).keySet()) + "); its collections live under " + root);
      }
      return create(spec);
    }
    CollectionBackend engine = CollectionBackends.find(backend);
    Path folder = folder(spec.name());
    refuseExisting(spec.name(), folder);
    EmbeddingModel model = spec.model() == null ? null : models.apply(spec.model());
    CollectionConfig config = config(spec, model);
    Map<String, String> where = location == null ? Map.of() : location;
    Collection created = engine.create(config, where, model);
    try {
      EmbedkitHome.createFolder(root);
      Files.createDirectories(folder);
      new BackendFile(backend, where).write(folder);
      CollectionFile.write(folder, config); // last: a folder with collection.json is a registered collection
      return created;
    } catch (IOException | RuntimeException e) {
      created.close();
      throw EmbedkitException.internal("collection '" + spec.name() + "' was created on " + backend + " but could"
          + " not be registered in " + folder + ": " + e.getMessage(), e);
    }
  }

  private static void refuseExisting(String name, Path folder) {
    if (Files.exists(CollectionFile.of(folder))) {
      throw EmbedkitException.conflict("collection '" + name + "' already exists (" + folder + ")");
    }
  }

  /** With a model, its dimensions and similarity; without one, the spec's dimensions are required. */
  private static CollectionConfig config(CollectionSpec spec, EmbeddingModel model) {
    if (model == null) {
      if (spec.dimensions() == null) {
        throw EmbedkitException.invalidInput("collection '" + spec.name() + "' needs a model, or dimensions for"
            + " external vectors");
      }
      return new CollectionConfig(spec.name(), null, spec.dimensions(),
          spec.similarity() == null ? Metric.COSINE : spec.similarity(), spec.hnsw(), spec.quantization(),
          spec.chunking(), spec.analyzer());
    }
    int dimensions = model.info().dimensions();
    if (spec.dimensions() != null && spec.dimensions() != dimensions) {
      throw EmbedkitException.invalidInput("model " + spec.model() + " makes vectors of " + dimensions
          + " dimensions, not " + spec.dimensions() + " (leave dimensions out with a model)");
    }
    Metric similarity = spec.similarity() == null ? model.info().similarity() : spec.similarity();
    return new CollectionConfig(spec.name(), new ModelRef(spec.model(), ModelFingerprint.of(model.info())),
        dimensions, similarity, spec.hnsw(), spec.quantization(), spec.chunking(), spec.analyzer());
  }

  /**
   * Opens any registered collection, embedded or on a backend, with its recorded model (an embedded one read-only
   * when asked: no lock, the model loaded lazily; a backend's collection is always writable).
   */
  public Collection openAny(String name, boolean readOnly) {
    Path folder = folder(name);
    if (!Files.isRegularFile(CollectionFile.of(folder)) || !BackendFile.exists(folder)) {
      return open(name, readOnly);
    }
    CollectionConfig config = CollectionFile.read(folder);
    BackendFile where = BackendFile.read(folder);
    EmbeddingModel model = config.model() == null ? null : models.apply(config.model().name());
    return CollectionBackends.find(where.backend()).open(config, where.location(), model);
  }

  /** The backend a registered collection lives on ({@value CollectionBackends#EMBEDDED} for a Lucene one). */
  public String backend(String name) {
    Path folder = folder(name);
    return BackendFile.exists(folder) ? BackendFile.read(folder).backend() : CollectionBackends.EMBEDDED;
  }

  /** Opens a collection for writing (and reading), with its recorded model. */
  public LuceneCollection open(String name) {
    return open(name, false);
  }

  /**
   * Opens a collection; read-only opens take no lock (another process may be writing) and load the model lazily only
   * if the collection has one.
   */
  public LuceneCollection open(String name, boolean readOnly) {
    Path folder = folder(name);
    if (!Files.isRegularFile(CollectionFile.of(folder))) {
      throw notFound(name);
    }
    if (BackendFile.exists(folder)) {
      throw EmbedkitException.unsupported("collection '" + name + "' lives on " + BackendFile.read(folder).backend()
          + ", not in the embedded store; this use needs an embedded collection");
    }
    CollectionConfig config = LuceneCollection.readConfig(folder);
    EmbeddingModel model = config.model() == null ? null : models.apply(config.model().name());
    return LuceneCollection.open(folder, model, readOnly, images);
  }

  public boolean exists(String name) {
    return Files.isRegularFile(CollectionFile.of(folder(name)));
  }

  /** The recorded settings of every collection, by name. */
  public List<CollectionConfig> list() {
    List<CollectionConfig> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path folder : entries.sorted().toList()) {
        if (Files.isRegularFile(CollectionFile.of(folder))) {
          out.add(CollectionFile.read(folder));
        }
      }
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot list collections in " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Deletes a collection's folder. It is renamed away first (so a crash midway leaves no half collection under its
   * name); a collection open for writing elsewhere is refused.
   */
  public void drop(String name) {
    Path folder = folder(name);
    if (!Files.isRegularFile(CollectionFile.of(folder))) {
      throw notFound(name);
    }
    if (BackendFile.exists(folder)) {
      BackendFile where = BackendFile.read(folder);
      CollectionBackends.find(where.backend()).drop(CollectionFile.read(folder), where.location());
      unregister(name, folder);
      return;
    }
    // Taking the write lock proves no process is writing it.
    try (var lock = org.apache.lucene.store.FSDirectory.open(folder.resolve("index"))
        .obtainLock(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME)) {
      lock.ensureValid();
    } catch (org.apache.lucene.store.LockObtainFailedException e) {
      throw EmbedkitException.conflict("collection '" + name + "' is open for writing in another process; stop it"
          + " before dropping the collection");
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot drop collection '" + name + "': " + e.getMessage(), e);
    }
    unregister(name, folder);
  }

  private void unregister(String name, Path folder) {
    Path trash = root.resolve("." + name + ".dropped-" + System.nanoTime());
    try {
      Files.move(folder, trash, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(trash);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot drop collection '" + name + "': " + e.getMessage(), e);
    }
  }

  private EmbedkitException notFound(String name) {
    List<String> names = list().stream().map(CollectionConfig::name).toList();
    return EmbedkitException.notFound("no collection '" + name + "'" + (names.isEmpty()
        ? " (there are none yet in " + root + "; create one with `embedkit collection create`)"
        : "; collections: " + String.join(", ", names)));
  }

  private static void deleteTree(Path folder) throws IOException {
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
