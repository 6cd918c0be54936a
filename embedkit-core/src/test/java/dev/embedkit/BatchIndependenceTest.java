package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.quant.Precision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An input's embedding never depends on what else is in its batch: for every built-in pack, embedding a list in one
 * call gives exactly the vectors that embedding each text alone gives. The int8 packs quantise activations over the
 * whole batch tensor, so this also proves they are run one input per call.
 */
class BatchIndependenceTest {
  static final List<String> TEXTS = texts();

  static List<String> texts() {
    List<String> texts = new ArrayList<>(List.of(
        "The weather is lovely today.",
        "",
        "A man is playing a guitar on the street corner while the crowd gathers to listen and sing along.",
        "Quantum computers use qubits.",
        "How do I reset my password?",
        "The central bank raised interest rates by a quarter of a percentage point, citing persistent inflation.",
        "ok",
        "Les enfants jouent dans le jardin."));
    texts.add("word ".repeat(700)); // longer than every model's maximum: truncated in both routes
    return texts;
  }

  @ParameterizedTest
  @EnumSource(BuiltinPack.class)
  void batchedEqualsSingle(BuiltinPack pack) {
    EmbeddingModel model = TestModels.get(pack.packName());
    List<float[]> batched = model.embed(TEXTS).vectors();
    for (int i = 0; i < TEXTS.size(); i++) {
      float[] single = model.embed(List.of(TEXTS.get(i))).vectors().get(0);
      assertArrayEquals(single, batched.get(i), pack.packName() + " input " + i + " differs between batched and single");
    }
  }

  @ParameterizedTest
  @EnumSource(value = BuiltinPack.class, names = {"ALL_MINILM_L6_V2", "ALL_MINILM_L6_V2_INT8"})
  void quantisedOutputIsBatchIndependentToo(BuiltinPack pack) {
    EmbeddingModel model = TestModels.get(pack.packName());
    EmbedOptions int8 = EmbedOptions.DEFAULTS.withPrecision(Precision.INT8);
    EmbeddingResult batched = model.embed(TEXTS, int8);
    for (int i = 0; i < TEXTS.size(); i++) {
      byte[] single = model.embed(List.of(TEXTS.get(i)), int8).embeddings().get(0).bytes();
      assertArrayEquals(single, batched.embeddings().get(i).bytes(), "input " + i);
    }
    assertEquals(384, batched.embeddings().get(0).bytes().length);
  }
}
