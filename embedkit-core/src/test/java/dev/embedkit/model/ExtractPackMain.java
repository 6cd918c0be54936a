package dev.embedkit.model;

import java.nio.file.Path;

/** Child process for {@link PackCacheTest}: extracts one pack into the cache root given as the first argument. */
public final class ExtractPackMain {
  private ExtractPackMain() {}

  public static void main(String[] args) {
    PackCache cache = new PackCache(Path.of(args[0]));
    cache.materialize(BuiltinPack.valueOf(args[1]));
    System.out.println(cache.isCached(BuiltinPack.valueOf(args[1])) ? "ok" : "incomplete");
  }
}
