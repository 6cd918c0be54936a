package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Output precisions follow sentence-transformers' quantize_embeddings: the expected values come from numpy running
 * the library's own expressions (scripts/make_test_fixtures.py).
 */
class PrecisionTest {
  static JsonNode fixture() throws IOException {
    try (InputStream in = PrecisionTest.class.getResourceAsStream("/fixtures/quantize.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = Precision.class, names = "FLOAT32", mode = EnumSource.Mode.EXCLUDE)
  void matchesSentenceTransformersQuantizeEmbeddings(Precision precision) throws IOException {
    JsonNode fixture = fixture();
    QuantizationRanges ranges = new QuantizationRanges(floats(fixture.get("min")), floats(fixture.get("max")));
    JsonNode expected = fixture.get(precision.name().toLowerCase());
    for (int row = 0; row < fixture.get("embeddings").size(); row++) {
      byte[] ours = precision.quantize(floats(fixture.get("embeddings").get(row)), ranges);
      int[] values = new int[ours.length];
      int[] wanted = new int[expected.get(row).size()];
      for (int i = 0; i < ours.length; i++) {
        values[i] = precision.isSigned() ? ours[i] : ours[i] & 0xFF;
      }
      for (int i = 0; i < wanted.length; i++) {
        wanted[i] = expected.get(row).get(i).asInt();
      }
      assertArrayEquals(wanted, values, precision + " row " + row);
    }
  }

  @Test
  void binaryBitsAreTheSignsOfTheFloatVector() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    String text = "The weather is lovely today.";
    float[] vector = model.embed(text);
    Embedding bits = model.embed(List.of(text), EmbedOptions.DEFAULTS.withPrecision(Precision.UBINARY)).embeddings().get(0);
    Embedding signed = model.embed(List.of(text), EmbedOptions.DEFAULTS.withPrecision(Precision.BINARY)).embeddings().get(0);
    assertEquals(48, bits.length());
    for (int i = 0; i < vector.length; i++) {
      boolean bit = ((bits.bytes()[i / 8] >> (7 - i % 8)) & 1) == 1;
      assertEquals(vector[i] > 0, bit, "dimension " + i);
    }
    for (int i = 0; i < bits.length(); i++) {
      assertEquals((bits.bytes()[i] & 0xFF) - 128, signed.value(i).intValue());
    }
  }

  @Test
  void int8DefaultRangesComeFromTheCalibrationCorpusNotTheBatch() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedOptions int8 = EmbedOptions.DEFAULTS.withPrecision(Precision.INT8);
    byte[] alone = model.embed(List.of("solar panels"), int8).embeddings().get(0).bytes();
    byte[] withOthers = model.embed(List.of("solar panels", "a cat", "tax law"), int8).embeddings().get(0).bytes();
    assertArrayEquals(alone, withOthers);
    // and int8 keeps the geometry: cosine of dequantised-ish values stays close to float cosine
    float[] a = model.embed("solar panels");
    float[] b = model.embed("photovoltaic cells");
    double[] qa = model.embed(List.of("solar panels"), int8).embeddings().get(0).values();
    double[] qb = model.embed(List.of("photovoltaic cells"), int8).embeddings().get(0).values();
    double floatCos = dev.embedkit.vector.Metric.COSINE.compute(a, b);
    assertTrue(Math.abs(floatCos - cosine(qa, qb)) < 0.1, floatCos + " vs " + cosine(qa, qb));
  }

  @Test
  void explicitRangesMustMatchTheOutputDimensions() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    QuantizationRanges small = new QuantizationRanges(new float[8], new float[8]);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> model.embed(List.of("x"),
        EmbedOptions.DEFAULTS.withPrecision(Precision.UINT8).withRanges(small)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void unknownPrecisionListsTheValidOnes() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Precision.fromString("int4"));
    assertEquals("unknown precision 'int4'; valid precisions are: float32, int8, uint8, binary, ubinary", e.getMessage());
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
