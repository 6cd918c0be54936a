package dev.embedkit.onnx.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.PackCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX reader and writer: what it reads back out is a graph ONNX Runtime runs exactly like the original. */
class OnnxModelTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "", "Quantum computers use qubits.");

  @TempDir Path folder;

  @Test
  void readingAndWritingBackGivesAGraphWithIdenticalOutputs() throws Exception {
    Path pack = PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
    OnnxModel model = OnnxModel.read(pack.resolve("onnx/model.onnx"));
    assertEquals(637, model.nodes().size(), "nodes of the all-MiniLM-L6-v2 export");
    assertEquals(List.of("last_hidden_state"), model.outputNames());
    assertEquals(11L, model.opsetVersion("").orElseThrow());
    copyPack(pack, folder);
    Files.write(folder.resolve("onnx/model.onnx"), model.toByteArray());
    try (EmbeddingModel original = Embedkit.loadFolder("original", pack, LoadOptions.DEFAULTS);
        EmbeddingModel rewritten = Embedkit.loadFolder("rewritten", folder, LoadOptions.DEFAULTS)) {
      List<float[]> a = original.embed(TEXTS).vectors();
      List<float[]> b = rewritten.embed(TEXTS).vectors();
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(a.get(i), b.get(i), "input " + i);
      }
    }
  }

  @Test
  void initializerValuesDecodeToTheirShape() throws Exception {
    OnnxModel model = OnnxModel.read(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("onnx/model.onnx"));
    TensorData embeddings = model.initializer("embeddings.word_embeddings.weight").orElseThrow();
    assertArrayEquals(new long[] {30522, 384}, embeddings.dims());
    float[] values = embeddings.floatValues();
    assertEquals(30522 * 384, values.length);
    double sumOfSquares = 0;
    for (float v : values) {
      assertTrue(Float.isFinite(v));
      sumOfSquares += v * v;
    }
    assertTrue(sumOfSquares > 1000, "weights are not all zero: " + sumOfSquares);
  }

  @Test
  void newTensorsRoundTrip() {
    TensorData t = TensorData.floats("w", new long[] {2, 3}, new float[] {1, -2, 3.5f, 0, Float.MIN_VALUE, -0f});
    TensorData back = TensorData.parse(t.encodeInline(), null);
    assertEquals("w", back.name());
    assertArrayEquals(new long[] {2, 3}, back.dims());
    assertArrayEquals(new float[] {1, -2, 3.5f, 0, Float.MIN_VALUE, -0f}, back.floatValues());
    TensorData scalar = TensorData.parse(TensorData.uint8Scalar("zp", 128).encodeInline(), null);
    assertEquals(TensorData.UINT8, scalar.dataType());
    assertEquals(0, scalar.dims().length);
  }

  @Test
  void malformedBytesFailWithWhereAndWhat() throws Exception {
    byte[] bytes = Files.readAllBytes(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("onnx/model.onnx"));
    MalformedOnnxException truncated = assertThrows(MalformedOnnxException.class,
        () -> OnnxModel.parse(Arrays.copyOf(bytes, bytes.length / 2), null));
    assertTrue(truncated.getMessage().contains("overruns") || truncated.getMessage().contains("truncated"),
        truncated.getMessage());
    assertThrows(MalformedOnnxException.class, () -> OnnxModel.parse(new byte[] {(byte) 0xff, (byte) 0xff}, null));
    MalformedOnnxException noGraph = assertThrows(MalformedOnnxException.class, () -> OnnxModel.parse(new byte[] {8, 7}, null));
    assertEquals("the file has no graph", noGraph.getMessage());
  }

  static void copyPack(Path pack, Path target) throws Exception {
    try (Stream<Path> files = Files.walk(pack)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(pack.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
  }
}
