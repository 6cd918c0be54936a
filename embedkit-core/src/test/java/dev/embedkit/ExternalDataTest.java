package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.Quantize;
import dev.embedkit.model.PackCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder whose ONNX graph keeps its weights in an external data file (as large exports do) loads and gives
 * the same vectors as the single-file graph. The external-data copy is made with Debian's python3-onnx at test time.
 */
class ExternalDataTest {
  @TempDir Path folder;

  @Test
  void graphWithExternalWeightsLoadsAndMatchesTheSingleFileGraph() throws Exception {
    copyWithExternalData(BuiltinPack.ALL_MINILM_L6_V2_INT8);
    List<String> texts = List.of("The weather is lovely today.", "He drove to the stadium.");
    try (EmbeddingModel external = Embedkit.load(folder.toString())) {
      List<float[]> expected = TestModels.get(BuiltinPack.ALL_MINILM_L6_V2_INT8.packName()).embed(texts).vectors();
      List<float[]> actual = external.embed(texts).vectors();
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i));
      }
      assertEquals("int8", external.info().weights());
    }
  }

  @Test
  void int8RewriteReadsExternalWeightsAndMatchesTheSingleFileGraphsRewrite() throws Exception {
    copyWithExternalData(BuiltinPack.ALL_MINILM_L6_V2);
    List<String> texts = List.of("The weather is lovely today.", "He drove to the stadium.");
    LoadOptions int8 = LoadOptions.DEFAULTS.withQuantize(Quantize.INT8);
    try (EmbeddingModel external = Embedkit.load(folder.toString(), int8);
        EmbeddingModel single = Embedkit.load(BuiltinPack.ALL_MINILM_L6_V2.packName(), int8)) {
      List<float[]> expected = single.embed(texts).vectors();
      List<float[]> actual = external.embed(texts).vectors();
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(expected.get(i), actual.get(i));
      }
      assertEquals("int8-static", external.info().weights());
    }
  }

  /** Copies a pack into {@link #folder} with its graph's weights moved to an external data file. */
  private void copyWithExternalData(BuiltinPack builtin) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "needs Debian's python3-onnx (.ci/run installs it) to write external data");
    Path pack = PackCache.standard().materialize(builtin);
    try (Stream<Path> files = Files.list(pack)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    Files.copy(pack.resolve("1_Pooling"), folder.resolve("1_Pooling"));
    Files.copy(pack.resolve("1_Pooling/config.json"), folder.resolve("1_Pooling/config.json"));
    Files.createDirectories(folder.resolve("onnx"));
    Process p = new ProcessBuilder(python.toString(), "-c",
        "import onnx, sys; m = onnx.load(sys.argv[1]); "
            + "onnx.save_model(m, sys.argv[2], save_as_external_data=True, all_tensors_to_one_file=True, "
            + "location='model.onnx_data', size_threshold=1024)",
        pack.resolve("onnx/model.onnx").toString(), folder.resolve("onnx/model.onnx").toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeFalse(output.contains("No module named 'onnx'"), "python3-onnx is not installed");
    assertEquals(0, p.exitValue(), output);
    assertTrue(Files.size(folder.resolve("onnx/model.onnx")) < 1_000_000, "the graph file holds no weights");
    assertTrue(Files.size(folder.resolve("onnx/model.onnx_data")) > 20_000_000, "the weights are in the data file");

  }
}
