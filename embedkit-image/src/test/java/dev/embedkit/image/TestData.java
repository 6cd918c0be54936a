package dev.embedkit.image;

import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find their files: the team's shared images, and this module's fixtures. Public so that the tests in
 * every sub-package ({@code decode}, {@code input}, {@code preprocess}, {@code model}, {@code cli}) share it.
 */
public final class TestData {
  private TestData() {}

  /**
   * The shared datasets folder: {@code <repo>/../shared} (system property embedkit.shared, set by the parent pom),
   * else the EMBEDKIT_SHARED environment variable, else /work/shared, so a clone anywhere on the build machine finds it.
   */
  public static Path sharedDatasets() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"), "/work/shared"}) {
      if (candidate != null && Files.isDirectory(Path.of(candidate, "datasets"))) {
        return Path.of(candidate, "datasets").toAbsolutePath().normalize();
      }
    }
    Assumptions.abort("the shared datasets are not beside the repository, in EMBEDKIT_SHARED or in /work/shared");
    return null;
  }

  public static Path sharedImages() {
    return sharedDatasets().resolve("images");
  }

  public static Path resources() {
    return Path.of(System.getProperty("user.dir")).resolve("src/test/resources");
  }

  public static Path parity() {
    return resources().resolve("parity");
  }

  public static Path tinyModels() {
    return Path.of(System.getProperty("user.dir")).resolve("scripts/tiny");
  }

  /**
   * A copy of a tiny model folder in {@code dir}; CLIP folders get the built-in MiniLM pack's tokenizer.json (from the
   * test class path) as their text tokenizer.
   */
  public static java.nio.file.Path tinyModel(String name, java.nio.file.Path dir, boolean withTokenizer) throws java.io.IOException {
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

  public static RgbImage decode(Path file) throws java.io.IOException {
    return new ImageDecoder(DecodeOptions.DEFAULTS).decode(Files.readAllBytes(file), file.getFileName().toString());
  }

  /** The shared images as inputs, sorted by name, without truncated.jpg. */
  public static java.util.List<ImageInput> goodSharedImages() {
    return ImageInput.folder(sharedImages()).stream().filter(i -> !i.label().endsWith("truncated.jpg")).toList();
  }
}
