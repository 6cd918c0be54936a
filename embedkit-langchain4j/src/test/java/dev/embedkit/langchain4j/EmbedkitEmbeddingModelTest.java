package dev.embedkit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.ModelInfo;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EmbedkitEmbeddingModel against embedkit's own results for the same inputs (real models, exact floats). */
class EmbedkitEmbeddingModelTest {
  private static final List<String> TEXTS = List.of(
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "The new movie is awesome, one of the best I have seen this year and I will see it again.",
      "A monkey is playing drums.",
      "Fine.");

  private static List<TextSegment> segments(List<String> texts) {
    return texts.stream().map(TextSegment::from).toList();
  }

  private static List<float[]> vectors(List<Embedding> embeddings) {
    return embeddings.stream().map(Embedding::vector).toList();
  }

  @Test
  void embedAllGivesEmbedkitsOwnVectorsInOneCall() {
    dev.embedkit.EmbeddingModel library = SharedModel.get().embedkitModel();
    CountingModel counting = new CountingModel(library);
    try (EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.of(counting)) {
      Response<List<Embedding>> response = model.embedAll(segments(TEXTS));

      EmbeddingResult expected = library.embed(TEXTS);
      assertThat(vectors(response.content())).usingRecursiveComparison().isEqualTo(expected.vectors());
      assertThat(counting.embedCalls.get()).as("all texts in one embedkit call").isEqualTo(1);
      assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(expected.totalTokens());
      assertThat(response.tokenUsage().inputTokenCount())
          .isEqualTo(Arrays.stream(library.countTokens(TEXTS)).sum());
    }
  }

  @Test
  void requestPathAndSingleEmbedAgreeWithEmbedAll() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    EmbeddingResponse response = model.embed(EmbeddingRequest.builder().inputs(TEXTS.toArray(String[]::new)).build());
    List<float[]> all = vectors(model.embedAll(segments(TEXTS)).content());
    assertThat(vectors(response.embeddings())).usingRecursiveComparison().isEqualTo(all);
    assertThat(response.modelName()).isEqualTo("all-minilm-l6-v2");
    assertThat(model.embed(TEXTS.get(2)).content().vector()).isEqualTo(all.get(2));
  }

  @Test
  void dimensionsCutEqualsTheLibrarysMatryoshkaCut() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    EmbeddingResponse response = model.embed(EmbeddingRequest.builder()
        .inputs(TEXTS.toArray(String[]::new)).dimensions(128).build());

    List<float[]> expected = model.embedkitModel().embed(TEXTS, EmbedOptions.DEFAULTS.withDimensions(128)).vectors();
    assertThat(vectors(response.embeddings())).usingRecursiveComparison().isEqualTo(expected);
    assertThat(response.embeddings()).allSatisfy(e -> assertThat(e.dimension()).isEqualTo(128));

    try (EmbedkitEmbeddingModel cut = EmbedkitEmbeddingModel.builder().model(model.embedkitModel()).dimensions(64).build()) {
      assertThat(cut.dimension()).isEqualTo(64);
      assertThat(cut.embed("Fine.").content().vector())
          .isEqualTo(model.embedkitModel().embed(List.of("Fine."), EmbedOptions.DEFAULTS.withDimensions(64))
              .vectors().get(0));
    }
  }

  @Test
  void inputTypesUseTheModelsQueryAndDocumentPrompts() {
    try (EmbedkitEmbeddingModel e5 = EmbedkitEmbeddingModel.of(BuiltinPack.E5_SMALL_V2.packName())) {
      dev.embedkit.EmbeddingModel library = e5.embedkitModel();
      assertThat(library.info().prompts()).containsEntry("query", "query: ").containsEntry("document", "passage: ");

      List<float[]> query = vectors(e5.embed(EmbeddingRequest.builder().inputs(TEXTS.toArray(String[]::new))
          .inputType(EmbeddingInputType.QUERY).build()).embeddings());
      List<float[]> document = vectors(e5.embed(EmbeddingRequest.builder().inputs(TEXTS.toArray(String[]::new))
          .inputType(EmbeddingInputType.DOCUMENT).build()).embeddings());
      List<float[]> plain = vectors(e5.embedAll(segments(TEXTS)).content());

      assertThat(query).usingRecursiveComparison()
          .isEqualTo(library.embed(TEXTS, EmbedOptions.DEFAULTS.withPromptName("query")).vectors());
      // Two routes agree: the named prompt equals the prompt's text written before each input.
      assertThat(query).usingRecursiveComparison()
          .isEqualTo(library.embed(TEXTS.stream().map(t -> "query: " + t).toList()).vectors());
      assertThat(document).usingRecursiveComparison()
          .isEqualTo(library.embed(TEXTS.stream().map(t -> "passage: " + t).toList()).vectors());
      assertThat(query.get(0)).isNotEqualTo(plain.get(0));
      assertThat(document.get(0)).isNotEqualTo(query.get(0));

      // A default input type on the builder applies to requests that give none.
      try (EmbedkitEmbeddingModel queries = EmbedkitEmbeddingModel.builder().model(library)
          .inputType(EmbeddingInputType.QUERY).build()) {
        assertThat(vectors(queries.embedAll(segments(TEXTS)).content())).usingRecursiveComparison().isEqualTo(query);
      }
    }
  }

  @Test
  void inputTypeOnAModelWithoutPromptsEmbedsThePlainText() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    assertThat(model.embedkitModel().info().prompts()).isEmpty();
    List<float[]> query = vectors(model.embed(EmbeddingRequest.builder().inputs(TEXTS.toArray(String[]::new))
        .inputType(EmbeddingInputType.QUERY).build()).embeddings());
    assertThat(query).usingRecursiveComparison().isEqualTo(model.embedkitModel().embed(TEXTS).vectors());
  }

  @Test
  void dimensionAndModelNameComeFromTheModelsFactsWithoutInference() {
    CountingModel counting = new CountingModel(SharedModel.get().embedkitModel());
    try (EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.of(counting)) {
      assertThat(model.dimension()).isEqualTo(384);
      assertThat(model.modelName()).isEqualTo("all-minilm-l6-v2");
      assertThat(model.supportedContentTypes()).containsExactly(ContentType.TEXT);
      assertThat(counting.embedCalls.get()).isZero();
    }
  }

  @Test
  void modelNameParameterMustNameThisModel() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    EmbeddingResponse same = model.embed(EmbeddingRequest.builder().input("Fine.").modelName("all-minilm-l6-v2").build());
    assertThat(same.embeddings()).hasSize(1);

    assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().input("Fine.").modelName("text-embedding-3-small").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text-embedding-3-small")
        .hasMessageContaining("all-minilm-l6-v2")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void badInputFailsWithOneLineIllegalArgumentException() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    List<TextSegment> withNull = new ArrayList<>(segments(TEXTS));
    withNull.set(2, null);
    Stream.of(
            assertThatThrownBy(() -> model.embedAll(null)),
            assertThatThrownBy(() -> model.embedAll(withNull)).hasMessageContaining("textSegments[2]"),
            assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().input("x").dimensions(385).build()))
                .hasMessageContaining("1 to 384"),
            assertThatThrownBy(() -> model.embed(EmbeddingRequest.builder().input("x").dimensions(0).build())),
            assertThatThrownBy(() -> EmbedkitEmbeddingModel.builder().model(model.embedkitModel()).dimensions(0).build())
                .hasMessageContaining("dimensions is 0"),
            assertThatThrownBy(() -> EmbedkitEmbeddingModel.of("no-such-model-anywhere")))
        .forEach(thrown -> thrown.isInstanceOf(IllegalArgumentException.class)
            .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n")));
    assertThat(model.embedAll(List.of()).content()).isEmpty();
  }

  @Test
  void imagesAreRefusedByTextModelsInLangChain4jsOwnTerms() {
    // LangChain4j's embed(EmbeddingRequest) checks supportedContentTypes() before doEmbed and throws its
    // UnsupportedFeatureException naming the supported types: the framework's contract, kept.
    assertThatThrownBy(() -> SharedModel.get().embed(EmbeddingRequest.builder()
        .input(ImageContent.from("aGVsbG8=", "image/png")).build()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("IMAGE")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void clipEmbedsImagesAndTextsInOneRequestInInputOrder(@TempDir Path dir) throws IOException {
    Path clipFolder = tinyClip(dir);
    try (EmbedkitEmbeddingModel clip = EmbedkitEmbeddingModel.builder().modelPath(clipFolder).build()) {
      assertThat(clip.supportedContentTypes()).containsExactlyInAnyOrder(ContentType.TEXT, ContentType.IMAGE);
      byte[] red = png(Color.RED);
      byte[] blue = png(Color.BLUE);
      Path bluePng = Files.write(dir.resolve("blue.png"), blue);

      EmbeddingResponse response = clip.embed(EmbeddingRequest.builder().inputs(
              EmbeddingInput.from(ImageContent.from(Base64.getEncoder().encodeToString(red), "image/png")),
              EmbeddingInput.from("a red square"),
              EmbeddingInput.from(ImageContent.from(bluePng.toUri())))
          .build());

      ImageEmbeddingModel library = ImageEmbeddingModel.of(clip.embedkitModel());
      List<float[]> images = library.embedImages(List.of(ImageInput.bytes(red, "red"), ImageInput.file(bluePng))).vectors();
      float[] text = library.embed("a red square");
      assertThat(response.embeddings()).hasSize(3);
      assertThat(response.embeddings().get(0).vector()).isEqualTo(images.get(0));
      assertThat(response.embeddings().get(1).vector()).isEqualTo(text);
      assertThat(response.embeddings().get(2).vector()).isEqualTo(images.get(1));
      assertThat(clip.dimension()).isEqualTo(images.get(0).length);

      // One input holding text and an image together has no single embedkit vector: refused, not guessed.
      assertThatThrownBy(() -> clip.embed(EmbeddingRequest.builder()
          .input(EmbeddingInput.from(TextContent.from("a caption"), ImageContent.from(bluePng.toUri()))).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("input 0")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      // An image that cannot be read is bad input, said in one line.
      assertThatThrownBy(() -> clip.embed(EmbeddingRequest.builder()
          .input(ImageContent.from(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), "image/png")).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  /** embedkit-image's tiny CLIP (scripts/tiny/clip, regenerated by its script) with MiniLM's tokenizer. */
  static Path tinyClip(Path dir) throws IOException {
    Path source = Path.of(System.getProperty("user.dir")).resolve("../embedkit-image/scripts/tiny/clip").normalize();
    assertThat(source).as("tiny CLIP model").isDirectory();
    Path target = dir.resolve("clip");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    try (InputStream in = EmbedkitEmbeddingModelTest.class.getResourceAsStream(
        "/" + BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource())) {
      assertThat(in).as("MiniLM tokenizer on the test class path").isNotNull();
      Files.copy(in, target.resolve("tokenizer.json"));
    }
    return target;
  }

  private static byte[] png(Color color) throws IOException {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    IntStream.range(0, 32).forEach(x -> IntStream.range(0, 32).forEach(y -> image.setRGB(x, y, color.getRGB())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A real model that counts the embed calls reaching it (a delegate, not a mock: every call runs the model). */
  static final class CountingModel implements dev.embedkit.EmbeddingModel {
    final AtomicInteger embedCalls = new AtomicInteger();
    private final dev.embedkit.EmbeddingModel delegate;

    CountingModel(dev.embedkit.EmbeddingModel delegate) {
      this.delegate = delegate;
    }

    @Override
    public ModelInfo info() {
      return delegate.info();
    }

    @Override
    public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
      embedCalls.incrementAndGet();
      return delegate.embed(texts, options);
    }

    @Override
    public int[] countTokens(List<String> texts, EmbedOptions options) {
      return delegate.countTokens(texts, options);
    }

    @Override
    public void close() {
      // the shared model is closed by its owner
    }
  }
}
