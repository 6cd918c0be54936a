package dev.embedkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.Quantize;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.ModelConfig;
import dev.embedkit.model.ModelFolder;
import dev.embedkit.model.PackCache;
import dev.embedkit.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The int8 graph is a pure function of the fp32 graph and the built-in corpus: the cache can never go stale. */
class Int8GraphTest {
  @Test
  void buildingTwiceGivesTheCachedBytes() throws Exception {
    Path pack = PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
    ModelConfig config = ModelFolder.read("all-minilm-l6-v2", pack, LoadOptions.DEFAULTS);
    try (TextTokenizer tokenizer = new TextTokenizer(config.tokenizerFile(), config.maxSeqLength())) {
      Path cached = Int8Graph.cached(config, tokenizer);
      assertTrue(cached.startsWith(dev.embedkit.model.EmbedkitHome.path().resolve("int8")), cached.toString());
      assertArrayEquals(Files.readAllBytes(cached), Int8Graph.build(config, tokenizer));
    }
  }

  @Test
  void aDamagedCachedGraphIsBuiltAgain() throws Exception {
    Path pack = PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
    ModelConfig config = ModelFolder.read("all-minilm-l6-v2", pack, LoadOptions.DEFAULTS);
    LoadOptions int8 = LoadOptions.DEFAULTS.withQuantize(Quantize.INT8);
    float[] before;
    try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2", int8)) {
      before = model.embed("The weather is lovely today.");
    }
    Path cached = Int8Graph.cacheFile(config);
    byte[] good = Files.readAllBytes(cached);
    Files.write(cached, java.util.Arrays.copyOf(good, 1000)); // a torn write: ONNX Runtime cannot parse it
    try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2", int8)) {
      assertArrayEquals(before, model.embed("The weather is lovely today."));
    }
    assertEquals(good.length, Files.size(cached));
  }
}
