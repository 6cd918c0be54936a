package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.util.MimeTypeUtils;

/** The Spring AI EmbeddingModel against the library's own vectors for the same texts (all-minilm-l6-v2). */
class EmbedkitEmbeddingModelTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "It's so sunny outside!",
      "He drove to the stadium.", "A man is eating food.");

  static EmbeddingModel library;
  static EmbedkitEmbeddingModel model;

  @BeforeAll
  static void load() {
    library = Embedkit.load("all-minilm-l6-v2");
    model = new EmbedkitEmbeddingModel(library);
  }

  @AfterAll
  static void close() {
    model.close();
    library.close();
  }

  @Test
  void oneCallGivesTheLibrarysVectorsInOrderWithTokenUsage() {
    EmbeddingResponse response = model.call(new EmbeddingRequest(TEXTS, EmbeddingOptions.builder().build()));

    List<float[]> expected = library.embed(TEXTS).vectors();
    assertThat(response.getResults()).hasSize(TEXTS.size());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(response.getResults().get(i).getIndex()).isEqualTo(i);
      assertThat(response.getResults().get(i).getOutput()).containsExactly(expected.get(i));
    }
    int tokens = Arrays.stream(library.countTokens(TEXTS)).sum();
    assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(tokens);
    assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(tokens);
    assertThat(response.getMetadata().getModel()).isEqualTo("all-minilm-l6-v2");
    assertThat((Integer) response.getMetadata().get(EmbedkitEmbeddingModel.TRUNCATED_INPUTS)).isZero();
  }

  @Test
  void theDefaultSpringRoutesAgreeWithCall() {
    assertThat(model.embed(TEXTS.get(0))).containsExactly(library.embed(TEXTS.get(0)));
    assertThat(model.embed(new Document(TEXTS.get(1), Map.of("lang", "en")))).containsExactly(library.embed(TEXTS.get(1)));
    List<float[]> vectors = model.embed(TEXTS);
    assertThat(vectors.get(3)).containsExactly(library.embed(TEXTS.get(3)));
  }

  @Test
  void dimensionsOptionTruncatesAsTheLibraryDoes() {
    EmbeddingResponse response = model.call(new EmbeddingRequest(TEXTS,
        EmbeddingOptions.builder().dimensions(128).build()));

    List<float[]> expected = library.embed(TEXTS, EmbedOptions.DEFAULTS.withDimensions(128)).vectors();
    assertThat(response.getResults().get(2).getOutput()).hasSize(128).containsExactly(expected.get(2));
  }

  @Test
  void defaultDimensionsApplyToEveryCallAndToDimensions() {
    var small = new EmbedkitEmbeddingModel(library, EmbedOptions.DEFAULTS.withDimensions(64));
    assertThat(small.dimensions()).isEqualTo(64);
    assertThat(small.embed("hello")).hasSize(64);
  }

  @Test
  void dimensionsComeFromTheModelsFilesWithoutInference() {
    // A closed model cannot run, so a right answer proves dimensions() did not embed anything.
    EmbedkitEmbeddingModel closed = EmbedkitEmbeddingModel.load("all-minilm-l6-v2");
    closed.close();
    assertThat(closed.dimensions()).isEqualTo(384);
    assertThatThrownBy(() -> closed.embed("hello")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theModelOptionMustNameThisModel() {
    assertThat(model.call(new EmbeddingRequest(TEXTS, EmbeddingOptions.builder().model("all-minilm-l6-v2").build()))
        .getResults()).hasSize(4);
    assertThatThrownBy(() -> model.call(new EmbeddingRequest(TEXTS,
        EmbeddingOptions.builder().model("text-embedding-3-small").build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the request names model 'text-embedding-3-small'; this EmbeddingModel runs 'all-minilm-l6-v2'"
            + " (leave the model option out, or give that name)");
  }

  @Test
  void badInputFailsInSpringsTerms() {
    assertThatThrownBy(() -> model.call(new EmbeddingRequest(TEXTS, EmbeddingOptions.builder().dimensions(385).build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimensions is 385; model all-minilm-l6-v2 accepts 1 to 384");
    assertThatThrownBy(() -> model.call(new EmbeddingRequest(TEXTS, EmbeddingOptions.builder().dimensions(0).build())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.call(new EmbeddingRequest(Arrays.asList("a", null), null)))
        .isInstanceOf(IllegalArgumentException.class);
    Document picture = new Document(new Media(MimeTypeUtils.IMAGE_PNG, java.net.URI.create("https://example.org/a.png")),
        Map.of());
    assertThatThrownBy(() -> model.embed(picture)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use EmbedkitDocumentEmbeddingModel");
    assertThatThrownBy(() -> EmbedkitEmbeddingModel.load("no-such-model-anywhere"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyRequestGivesAnEmptyResponse() {
    assertThat(model.call(new EmbeddingRequest(List.of(), null)).getResults()).isEmpty();
  }
}
