package dev.embedkit.hub;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.nio.file.Path;

/** Run in a child JVM whose class path lacks the pack jars: extracts a pack, which must fetch its jar first. */
public final class PackFetchMain {
  private PackFetchMain() {}

  public static void main(String[] args) {
    Path folder = new PackCache(Path.of(args[0])).materialize(BuiltinPack.valueOf(args[1]));
    System.out.println(folder);
  }
}
