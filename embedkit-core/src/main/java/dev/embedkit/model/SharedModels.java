package dev.embedkit.model;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One loaded model per JVM and per (name, options), shared by every caller in it and closed when the JVM exits: what
 * an engine that runs embedkit inside its own workers needs (a Spark executor's tasks, a Solr node's update
 * processors and query parsers). Never close a model obtained here; a model that fails to load is not kept, so the
 * next call tries again and fails with the same one-line message.
 */
public final class SharedModels {
  private record Key(String model, LoadOptions options) {}

  private static final Map<Key, EmbeddingModel> MODELS = new ConcurrentHashMap<>();
  private static final AtomicBoolean HOOK = new AtomicBoolean();

  private SharedModels() {}

  /** The model loaded once in this JVM with these options ({@code Embedkit.load} semantics for the name). */
  public static EmbeddingModel get(String nameOrPath, LoadOptions options) {
    LoadOptions key = options == null ? LoadOptions.DEFAULTS : options;
    EmbeddingModel model = MODELS.computeIfAbsent(new Key(nameOrPath, key), k -> Embedkit.load(k.model(), k.options()));
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(SharedModels::closeAll, "embedkit-shared-models-close"));
    }
    return model;
  }

  /** How many models this JVM holds (for tests and diagnostics). */
  public static int loaded() {
    return MODELS.size();
  }

  private static void closeAll() {
    List<EmbeddingModel> models = new ArrayList<>(MODELS.values());
    MODELS.clear();
    for (EmbeddingModel model : models) {
      try {
        model.close();
      } catch (RuntimeException e) {
        // the JVM is exiting: nothing to tell
      }
    }
  }
}
