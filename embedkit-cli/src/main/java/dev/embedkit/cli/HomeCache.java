package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.EmbedkitHome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The caches embedkit keeps under {@code $EMBEDKIT_HOME}, as {@code embedkit cache} names them. Each is re-created on
 * demand, so clearing one costs time, never correctness. The Hugging Face cache is not one of them: it holds
 * downloads shared with Python tools, and {@code embedkit models rm} removes models from it one by one.
 */
enum HomeCache {
  PACKS("packs", EmbedkitHome::packs, "extracted built-in packs", "extracted again from their jars on next use"),
  INT8("int8", EmbedkitHome::int8, "int8 rewrites of fp32 graphs (--quantize int8)",
      "rebuilt on the next --quantize int8 load, a few seconds per model"),
  EVAL("eval", EmbedkitHome::evalCache, "evaluation embeddings", "recomputed by the next eval run"),
  DJL("djl", EmbedkitHome::djl, "the tokenizer's native library", "extracted again on next start"),
  MODELS("models", EmbedkitHome::models, "hub model folders: links into the Hugging Face cache, alias configs",
      "rebuilt from the Hugging Face cache on next use, with no download");

  /** Where 'cache clear' sends users who want the Hugging Face cache smaller. */
  static final String HUGGING_FACE_NOTE = "the Hugging Face cache is not cleared here: remove models from it with"
      + " 'embedkit models rm NAME'";

  private final String cacheName;
  private final Supplier<Path> folder;
  private final String contents;
  private final String afterClear;

  HomeCache(String cacheName, Supplier<Path> folder, String contents, String afterClear) {
    this.cacheName = cacheName;
    this.folder = folder;
    this.contents = contents;
    this.afterClear = afterClear;
  }

  String cacheName() {
    return cacheName;
  }

  /** The folder now ({@code $EMBEDKIT_HOME} is read at each call). */
  Path folder() {
    return folder.get();
  }

  String contents() {
    return contents;
  }

  /** What happens after the cache is cleared. */
  String afterClear() {
    return afterClear;
  }

  /** The cache by its name, case-insensitive; an unknown name fails with the valid ones. */
  static HomeCache fromString(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.cacheName.equals(wanted)).findFirst()
        .orElseThrow(() -> EmbedkitException.invalidInput("unknown cache '" + name + "'; valid caches are: " + names()
            + " (or --all); " + HUGGING_FACE_NOTE));
  }

  static String names() {
    return Arrays.stream(values()).map(HomeCache::cacheName).collect(Collectors.joining(", "));
  }
}
