package dev.embedkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads each built-in model once per test JVM; the models stay open until the JVM exits. */
public final class TestModels {
  private static final Map<String, EmbeddingModel> LOADED = new ConcurrentHashMap<>();

  private TestModels() {}

  public static EmbeddingModel get(String name) {
    return LOADED.computeIfAbsent(name, Embedkit::load);
  }
}
