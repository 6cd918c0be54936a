package dev.embedkit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.ModelInfo;
import dev.embedkit.Modality;
import dev.embedkit.model.Pooling;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptPlanTest {
  static ModelInfo info(Map<String, String> prompts) {
    return new ModelInfo("m", Path.of("."), "fp32", 384, 512, Pooling.MEAN, true, prompts, null, Metric.COSINE,
        Set.of(Modality.TEXT), 0, "");
  }

  @Test
  void e5UsesQueryAndPassageForRetrievalAndNoPromptForSymmetricTasksAsMtebDid() {
    PromptPlan plan = PromptPlan.forModel("e5-small-v2", info(Map.of("query", "query: ", "document", "passage: ")));
    assertEquals(new PromptPlan("query: ", "passage: ", ""), plan);
  }

  @Test
  void bgeUsesItsInstructionOnRetrievalQueriesOnly() {
    String instruction = "Represent this sentence for searching relevant passages: ";
    PromptPlan plan = PromptPlan.forModel("bge-small-en-v1.5", info(Map.of("query", instruction, "document", "")));
    assertEquals(new PromptPlan(instruction, "", ""), plan);
  }

  @Test
  void explicitPromptsWin() {
    PromptPlan plan = PromptPlan.forModel("all-minilm-l6-v2", info(Map.of())).with("q: ", null, "s: ");
    assertEquals(new PromptPlan("q: ", "", "s: "), plan);
  }
}
