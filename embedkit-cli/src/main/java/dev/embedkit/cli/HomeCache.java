package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.EmbedkitHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
  PACKS("packs", EmbedkitHome::packs, "extracted built-in packs", "extracted again from their jars on next use",
      entry -> BuiltinPack.find(name(entry)).filter(p -> p.packName().equals(name(entry))).isPresent()),
  INT8("int8", EmbedkitHome::int8, "int8 rewrites of fp32 graphs (--quantize int8)",
      "rebuilt on the next --quantize int8 load, a few seconds per model",
      entry -> name(entry).matches("[0-9a-f]{32,64}") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)),
  EVAL("eval", EmbedkitHome::evalCache, "evaluation embeddings", "recomputed by the next eval run",
      HomeCache::holdsOnlyEmbeddings),
  DJL("djl", EmbedkitHome::djl, "the tokenizer's native library", "extracted again on next start",
      entry -> name(entry).equals("tokenizers")),
  MODELS("models", EmbedkitHome::models, "hub model folders: links into the Hugging Face cache, alias configs",
      "rebuilt from the Hugging Face cache on next use, with no download",
      entry -> Files.isRegularFile(entry.resolve("embedkit-overlay.json"), LinkOption.NOFOLLOW_LINKS));

  /** Names embedkit gives its temporary and moved-aside entries, in every cache. */
  private static final List<String> LEFTOVER_PREFIXES = List.of(".tmp-", ".stale-", ".trash-");

  /** Where 'cache clear' sends users who want the Hugging Face cache smaller. */
  static final String HUGGING_FACE_NOTE = "the Hugging Face cache is not cleared here: remove models from it with"
      + " 'embedkit models rm NAME'";

  private final String cacheName;
  private final Supplier<Path> folder;
  private final String contents;
  private final String afterClear;
  private final Predicate<Path> made;

  HomeCache(String cacheName, Supplier<Path> folder, String contents, String afterClear, Predicate<Path> made) {
    this.cacheName = cacheName;
    this.folder = folder;
    this.contents = contents;
    this.afterClear = afterClear;
    this.made = made;
  }

  /**
   * True for an entry embedkit made in this cache (a pack folder, an int8 key, an overlay with its manifest...) or a
   * leftover of its writers. {@code cache clear} deletes only these, so a home pointed at a folder that also holds
   * the user's own files (say {@code EMBEDKIT_HOME=~/ml}, with its own {@code models/}) loses nothing of theirs.
   */
  boolean owns(Path entry) {
    String name = name(entry);
    return LEFTOVER_PREFIXES.stream().anyMatch(name::startsWith) || made.test(entry);
  }

  private static String name(Path entry) {
    return entry.getFileName().toString();
  }

  /** An eval-cache folder: one per model, holding only KEY.f32 files (and writes in progress). */
  private static boolean holdsOnlyEmbeddings(Path entry) {
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> files = Files.list(entry)) {
      return files.allMatch(f -> name(f).endsWith(".f32") || name(f).endsWith(".tmp"));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
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
