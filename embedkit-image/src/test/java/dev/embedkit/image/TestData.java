package dev.embedkit.image;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the tests find their files: the shared images beside the clone, and this module's fixtures. */
final class TestData {
  private TestData() {}

  /** {@code <repo>/../shared/datasets/images}; surefire runs in the module folder. */
  static Path sharedImages() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().getParent()
        .resolve("shared").resolve("datasets").resolve("images");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared test images are not beside the repository at " + dir);
    return dir;
  }

  static Path resources() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/resources");
  }

  static Path parity() {
    return resources().resolve("parity");
  }

  static Path tinyModels() {
    return Path.of(System.getProperty("user.dir")).resolve("scripts/tiny");
  }

  /**
   * A copy of a tiny model folder in {@code dir}; CLIP folders get the built-in MiniLM pack's tokenizer.json (from the
   * test class path) as their text tokenizer.
   */
  static java.nio.file.Path tinyModel(String name, java.nio.file.Path dir, boolean withTokenizer) throws java.io.IOException {
    java.nio.file.Path source = tinyModels().resolve(name);
    java.nio.file.Path target = dir.resolve(name);
    try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(source)) {
      for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
        java.nio.file.Path t = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    if (withTokenizer) {
      String resource = "/" + dev.embedkit.model.BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource();
      try (java.io.InputStream in = TestData.class.getResourceAsStream(resource)) {
        Assumptions.assumeTrue(in != null, "tokenizer resource " + resource + " is not on the test class path");
        Files.copy(in, target.resolve("tokenizer.json"));
      }
    }
    return target;
  }

  static RgbImage decode(Path file) throws java.io.IOException {
    return new ImageDecoder(DecodeOptions.DEFAULTS).decode(Files.readAllBytes(file), file.getFileName().toString());
  }

  /** The shared images as inputs, sorted by name, without truncated.jpg. */
  static java.util.List<ImageInput> goodSharedImages() {
    return ImageInput.folder(sharedImages()).stream().filter(i -> !i.label().endsWith("truncated.jpg")).toList();
  }
}
