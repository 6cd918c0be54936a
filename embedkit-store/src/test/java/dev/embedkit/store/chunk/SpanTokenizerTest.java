package dev.embedkit.store.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import dev.embedkit.model.Pooling;
import dev.embedkit.vector.Metric;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanTokenizerTest {
  private static ModelInfo withPrompts(String defaultName) {
    return new ModelInfo("e5", null, "fp32", 384, 512, Pooling.MEAN, true,
        Map.of("query", "query: ", "passage", "passage: "), defaultName, Metric.COSINE, Set.of(), 0, "");
  }

  @Test
  void thePromptIsTheLiteralElseTheNamedElseTheModelsDefault() {
    ModelInfo info = withPrompts("passage");
    assertEquals("Q: ", SpanTokenizer.promptOf(info, EmbedOptions.DEFAULTS.withPrompt("Q: ")));
    assertEquals("query: ", SpanTokenizer.promptOf(info, EmbedOptions.DEFAULTS.withPromptName("query")));
    assertEquals("passage: ", SpanTokenizer.promptOf(info, EmbedOptions.DEFAULTS));
    assertEquals("", SpanTokenizer.promptOf(withPrompts(null), EmbedOptions.DEFAULTS));
    assertEquals("", SpanTokenizer.promptOf(info, EmbedOptions.DEFAULTS.withPrompt("")));
  }

  @Test
  void anUnknownPromptNameListsTheModelsPrompts() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> SpanTokenizer.promptOf(withPrompts(null), EmbedOptions.DEFAULTS.withPromptName("doc")));
    assertEquals("unknown prompt name 'doc'; this model's prompts are: passage, query", e.getMessage());
  }
}
