package dev.embedkit.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The tiny real ONNX models embedkit-image's script regenerates (scripts/tiny), copied into a test's folder. */
final class TinyModels {
  private TinyModels() {}

  /** Copies tiny model {@code name} ("clip", "imgbeddings") into {@code dir}, with MiniLM's tokenizer if asked. */
  static Path copy(String name, boolean withTokenizer, Path dir) throws IOException {
    Path source = Path.of(System.getProperty("user.dir")).resolve("../embedkit-image/scripts/tiny").resolve(name).normalize();
    assertTrue(Files.isDirectory(source), "no tiny model at " + source);
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    if (withTokenizer) {
      String resource = "/" + BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource();
      try (InputStream in = TinyModels.class.getResourceAsStream(resource)) {
        assertTrue(in != null, "tokenizer resource " + resource + " is not on the test class path");
        Files.copy(in, target.resolve("tokenizer.json"));
      }
    }
    return target;
  }
}
