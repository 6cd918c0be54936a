package dev.embedkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
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
}
