package dev.embedkit.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code embedkit-pack.json} ({@link PackCache#MANIFEST}), written last into an extracted pack's folder: where the pack came from and every file
 * extracted with it, so each run can check that the folder still holds exactly those bytes. Version 1 recorded the
 * ONNX file's SHA-256 but no file list; a folder with it is extracted again.
 *
 * @param version {@link #VERSION}; 0 when the file has none (version 1 wrote none)
 * @param files every extracted file; null in version 1
 */
record PackManifest(int version, String name, String coordinates, String repoId, String weights, String onnxSha256,
    List<FileEntry> files) {
  static final int VERSION = 2;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One extracted file. @param path relative to the pack folder, with forward slashes ("1_Pooling/config.json") */
  record FileEntry(String path, long size, String sha256) {}

  static PackManifest of(BuiltinPack pack, List<FileEntry> files) {
    return new PackManifest(VERSION, pack.packName(), pack.coordinates(), pack.repoId(), pack.weights(),
        pack.onnxSha256(), List.copyOf(files));
  }

  /** Reads a manifest; a malformed file throws (Jackson's exceptions are IOExceptions). */
  static PackManifest read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), PackManifest.class);
  }

  /** False when a field the check needs is missing (a file list is optional: version 1 had none). */
  boolean wellFormed() {
    return coordinates != null
        && (files == null || files.stream().allMatch(f -> f != null && f.path() != null && f.sha256() != null));
  }

  void write(Path file) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
  }
}
