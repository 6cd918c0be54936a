package dev.embedkit.server.service;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collections the server serves: one {@link EmbeddedCollections} under the server's collections folder, each
 * collection opened for writing on its first request and kept open until the server closes (so the server holds its
 * Lucene write lock: another process, e.g. {@code embedkit index}, gets a CONFLICT while the server runs, and
 * may open it read-only).
 *
 * <p>A collection's model is the served model of that name when the server serves one (the same loaded model the
 * embedding APIs use, called directly rather than through the batcher: a collection write embeds its documents in one
 * call); otherwise it is loaded on first use, once, kept for the server's life and closed with it. A model the server
 * does not serve must be given by name (a built-in model or a hub id), not as a folder path: a client must not make
 * the server load files from its disk. Serve a folder model with {@code --model NAME=FOLDER} to use it.
 *
 * <pre>{@code
 * try (CollectionService collections = new CollectionService(root, served, LoadOptions.DEFAULTS, ImageLoader.defaults())) {
 *   collections.create(CollectionSpec.of("docs", "all-minilm-l6-v2"));
 *   long chunks = collections.use("docs", c -> c.upsert(List.of(Document.of("1", "A man is eating food."))));
 * }
 * }</pre>
 *
 * Thread-safe: requests use a collection concurrently (under its read lock); drop and close take its write lock, so
 * they wait for the requests using it.
 */
public final class CollectionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionService.class);
  /** A model name the server may load itself: a built-in name or a hub id (ORG/NAME), never a path. */
  private static final Pattern LOADABLE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(/[A-Za-z0-9][A-Za-z0-9_.-]{0,127})?");

  private final EmbeddedCollections collections;
  private final ServedModels served;
  private final LoadOptions loadOptions;
  private final Map<String, EmbeddingModel> ownModels = new ConcurrentHashMap<>();
  private final Map<String, Handle> handles = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** One collection's open instance (null until first used, or after a drop) and the lock guarding it. */
  private static final class Handle {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    LuceneCollection collection;
  }

  /**
   * @param root the folder holding one folder per collection
   * @param served the server's models, used for collections whose model they serve
   * @param loadOptions how other models are loaded
   * @param images how documents' and queries' images are read: the server's loader, so an image URL in a collection
   *     request meets the same policy (private addresses, sizes) as one in an embedding request
   */
  public CollectionService(Path root, ServedModels served, LoadOptions loadOptions, ImageLoader images) {
    this.collections = new EmbeddedCollections(root, this::model, images);
    this.served = served;
    this.loadOptions = loadOptions;
  }

  public Path root() {
    return collections.root();
  }

  /**
   * Every embedded collection's recorded settings, by name. Collections registered on another engine (SolrCloud) are
   * the CLI's and the library's: the server neither lists nor serves nor drops them.
   */
  public List<CollectionConfig> list() {
    return collections.list().stream().filter(c -> embedded(c.name())).toList();
  }

  private boolean embedded(String name) {
    return collections.backend(name).equals(dev.embedkit.store.spi.CollectionBackends.EMBEDDED);
  }

  /** Creates a collection and keeps it open; CONFLICT if the name is taken, INVALID_INPUT for an unknown model. */
  public void create(CollectionSpec spec) {
    CollectionConfig.checkName(spec.name());
    if (spec.model() != null) {
      try {
        model(spec.model());
      } catch (EmbedkitException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        // a 404 here would read as "no such collection"
        throw ServerException.invalid("'model': " + e.getMessage(), "model");
      }
    }
    Handle handle = handles.computeIfAbsent(spec.name(), name -> new Handle());
    handle.lock.writeLock().lock();
    try {
      requireOpen();
      if (handle.collection != null || collections.exists(spec.name())) {
        // said here rather than by the store, whose message names the server's folder
        throw EmbedkitException.conflict("collection '" + spec.name() + "' already exists; drop it first to"
            + " create it anew (DELETE /collections/" + spec.name() + ")");
      }
      handle.collection = collections.create(spec);
    } finally {
      handle.lock.writeLock().unlock();
    }
  }

  /**
   * Runs a call on a collection, opening it first if this server has not yet (NOT_FOUND when there is none; CONFLICT
   * when another process holds it for writing). Drops and the server's close wait for the call.
   */
  public <T> T use(String name, Function<Collection, T> call) {
    Handle handle = existing(name);
    handle.lock.readLock().lock();
    try {
      if (handle.collection != null) {
        return call.apply(handle.collection);
      }
    } finally {
      handle.lock.readLock().unlock();
    }
    handle.lock.writeLock().lock();
    try {
      requireOpen();
      if (handle.collection == null) {
        if (!collections.exists(name)) {
          throw notFound(name); // dropped meanwhile
        }
        handle.collection = collections.open(name);
      }
      handle.lock.readLock().lock(); // downgrade: the call runs beside other readers
    } finally {
      handle.lock.writeLock().unlock();
    }
    try {
      return call.apply(handle.collection);
    } finally {
      handle.lock.readLock().unlock();
    }
  }

  /** Closes the collection if open here, then deletes it (CONFLICT when another process writes it). */
  public void drop(String name) {
    Handle handle = existing(name);
    handle.lock.writeLock().lock();
    try {
      requireOpen();
      if (handle.collection != null) {
        handle.collection.close();
        handle.collection = null;
      }
      collections.drop(name);
    } finally {
      handle.lock.writeLock().unlock();
    }
  }

  /** The handle of an existing collection; made only for names on disk, so a scan of names leaves nothing behind. */
  private Handle existing(String name) {
    CollectionConfig.checkName(name);
    Handle handle = handles.get(name);
    if (handle != null) {
      return handle;
    }
    if (!collections.exists(name)) {
      throw notFound(name);
    }
    if (!embedded(name)) {
      throw EmbedkitException.unsupported("collection '" + name + "' lives on " + collections.backend(name)
          + "; the server serves embedded collections only (use embedkit's CLI or library for it)");
    }
    return handles.computeIfAbsent(name, n -> new Handle());
  }

  private EmbedkitException notFound(String name) {
    List<String> names = list().stream().map(CollectionConfig::name).toList();
    return EmbedkitException.notFound("no collection '" + name + "'" + (names.isEmpty()
        ? "; there are none yet (create one with PUT /collections/NAME)"
        : "; collections: " + String.join(", ", names)));
  }

  /** The model of a collection: the served one of that name, else one loaded here once. */
  private EmbeddingModel model(String name) {
    Optional<ServedModel> servedModel = served.find(name);
    if (servedModel.isPresent()) {
      return servedModel.get().model();
    }
    if (!LOADABLE.matcher(name).matches() || name.contains("..")) {
      throw ServerException.invalid("model '" + name + "' is neither served here (" + served.names() + ") nor a model"
          + " name the server may load (a built-in name or a hub id, not a path); serve a folder model with --model"
          + " NAME=FOLDER", "model");
    }
    return ownModels.computeIfAbsent(name, n -> {
      requireOpen();
      LOG.info("loading model {} for collections (not served; kept until the server stops)", n);
      return Embedkit.load(n, loadOptions);
    });
  }

  private void requireOpen() {
    if (closed) {
      throw new ServerException(Problem.UNAVAILABLE, "the server is shutting down");
    }
  }

  /** Closes every open collection (after the calls using it) and the models loaded here. */
  @Override
  public void close() {
    closed = true;
    for (Map.Entry<String, Handle> entry : handles.entrySet()) {
      Handle handle = entry.getValue();
      handle.lock.writeLock().lock();
      try {
        if (handle.collection != null) {
          handle.collection.close();
          handle.collection = null;
        }
      } catch (RuntimeException e) {
        LOG.warn("closing collection {} failed: {}", entry.getKey(), e.toString());
      } finally {
        handle.lock.writeLock().unlock();
      }
    }
    ownModels.values().forEach(EmbeddingModel::close);
    ownModels.clear();
  }
}
