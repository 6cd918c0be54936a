package dev.embedkit.langchain4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example, end to end on 300 SciFact abstracts: most questions find a judged-relevant abstract in their top 3. */
class SciFactRetrievalExampleTest {
  @Test
  void retrievesJudgedRelevantAbstracts(@TempDir Path root) throws Exception {
    Path data = SciFactRetrievalExample.sharedSciFact();
    assumeTrue(Files.isRegularFile(data.resolve("corpus.jsonl")),
        "the shared SciFact dataset is not at " + data + " (nor beside the clone or in /work/shared; set"
            + " EMBEDKIT_SHARED)");
    List<SciFactRetrievalExample.Answer> answers = SciFactRetrievalExample.run(data, root, 300, 10, 3, false);
    assertThat(answers).hasSize(10);
    assertThat(answers).allSatisfy(a -> assertThat(a.contents()).hasSize(3));
    assertThat(answers.stream().filter(SciFactRetrievalExample.Answer::foundRelevant).count())
        .as("questions with a relevant abstract in the top 3 of 300").isGreaterThanOrEqualTo(6);
  }
}
