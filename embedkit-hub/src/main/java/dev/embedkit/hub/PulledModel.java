package dev.embedkit.hub;

import java.nio.file.Path;

/**
 * A model ready to load: where its folder is and what it took.
 *
 * @param name what the user asked for
 * @param repo the hub repo (for a built-in pack, its source repo)
 * @param commit the snapshot's commit, or the pack's Maven coordinates
 * @param folder the model folder to load (snapshot, overlay or pack folder)
 * @param files the files the model uses
 * @param downloadedBytes bytes fetched by this call (0 when all came from the cache)
 * @param sizeBytes bytes of the model's files
 * @param builtInPack the built-in pack that served the name (nothing came from the hub), or null
 */
public record PulledModel(String name, String repo, String commit, Path folder, FileSelection files, long downloadedBytes,
    long sizeBytes, String builtInPack) {
  public boolean isBuiltInPack() {
    return builtInPack != null;
  }
}
