package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model facts come from the folder's own files; explicit options win; fallbacks are recorded. */
class ModelFolderTest {
  @TempDir Path folder;

  @BeforeEach
  void copyPack() throws IOException {
    Path pack = PackCache.standard().materialize(BuiltinPack.E5_SMALL_V2_INT8);
    Files.createDirectories(folder.resolve("onnx"));
    Files.copy(pack.resolve("onnx/model.onnx"), folder.resolve("onnx/model.onnx"));
    Files.copy(pack.resolve("tokenizer.json"), folder.resolve("tokenizer.json"));
  }

  void write(String file, String json) throws IOException {
    Files.createDirectories(folder.resolve(file).getParent());
    Files.writeString(folder.resolve(file), json);
  }

  @Test
  void readsPoolingPromptsLengthAndSimilarityFromTheFiles() throws IOException {
    write("modules.json", "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
        + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pool\",\"type\":\"sentence_transformers.models.Pooling\"},"
        + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]");
    write("1_Pool/config.json", "{\"word_embedding_dimension\":384,\"pooling_mode_max_tokens\":true}");
    write("sentence_bert_config.json", "{\"max_seq_length\":77,\"do_lower_case\":true}");
    write("config_sentence_transformers.json",
        "{\"prompts\":{\"query\":\"q: \",\"document\":\"\"},\"default_prompt_name\":\"query\",\"similarity_fn_name\":\"dot\"}");
    ModelConfig config = ModelFolder.read("m", folder, LoadOptions.DEFAULTS);
    assertEquals(Pooling.MAX, config.pooling());
    assertTrue(config.normalize());
    assertEquals(77, config.maxSeqLength());
    assertTrue(config.doLowerCase());
    assertEquals("q: ", config.prompts().text("query"));
    assertEquals("query", config.prompts().defaultName());
    assertEquals(Metric.DOT, config.similarity());
    assertEquals(List.of(), config.fallbacks());
  }

  @Test
  void explicitOptionsWin() throws IOException {
    write("1_Pooling/config.json", "{\"pooling_mode_mean_tokens\":true}");
    ModelConfig config = ModelFolder.read("m", folder, new LoadOptions(Pooling.CLS, true, 64, null));
    assertEquals(Pooling.CLS, config.pooling());
    assertTrue(config.normalize());
    assertEquals(64, config.maxSeqLength());
  }

  @Test
  void missingFilesFallBackToSentenceTransformersDefaultsAndSaySo() throws IOException {
    write("config.json", "{\"hidden_size\":384,\"max_position_embeddings\":512}");
    ModelConfig config = ModelFolder.read("m", folder, LoadOptions.DEFAULTS);
    assertEquals(Pooling.MEAN, config.pooling());
    assertFalse(config.normalize());
    assertEquals(512, config.maxSeqLength());
    assertEquals(384, config.dimensions());
    assertEquals(3, config.fallbacks().size(), config.fallbacks().toString());
  }

  @Test
  void maxLengthIsCappedByThePositionEmbeddings() throws IOException {
    write("config.json", "{\"max_position_embeddings\":128}");
    write("sentence_bert_config.json", "{\"max_seq_length\":512}");
    assertEquals(128, ModelFolder.read("m", folder, LoadOptions.DEFAULTS).maxSeqLength());
  }
}
