package dev.embedkit.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.Modality;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import dev.embedkit.image.model.ClipModel;
import dev.embedkit.image.model.ImageModelLoader;
import dev.embedkit.image.model.ImgbeddingsModel;
import dev.embedkit.maths.Pca;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.quant.Precision;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Neighbor;
import dev.embedkit.vector.Similarity;
import dev.embedkit.vector.VectorMath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the tiny models of scripts/make_tiny_models.py, against its NumPy forward pass. */
class TinyModelTest {
  @TempDir
  static Path dir;
  static ImageEmbeddingModel clip;
  static ImageEmbeddingModel imgbeddings;
  static JsonNode reference;

  @BeforeAll
  static void load() throws IOException {
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", TestData.tinyModel("clip", dir, true), new LoadOptions(null, null, null, 1)));
    imgbeddings = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-imgbeddings", TestData.tinyModel("imgbeddings", dir, false), LoadOptions.DEFAULTS));
    reference = new ObjectMapper().readTree(TestData.tinyModels().resolve("reference.json").toFile());
  }

  @AfterAll
  static void close() {
    clip.close();
    imgbeddings.close();
  }

  private static JsonNode referenceCase(String input) {
    for (JsonNode c : reference.get("cases")) {
      if (c.get("input").asText().equals(input)) {
        return c;
      }
    }
    throw new AssertionError("no reference for " + input);
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
    }
  }

  @Test
  void imgbeddingsPoolingAgreesWithNumpyReference() throws IOException {
    RgbImage prepared = TestData.decode(TestData.parity().resolve("expected/chelsea.png.imgbeddings.png"));
    float[] ours = imgbeddings.embedDecoded(List.of(prepared), EmbedOptions.DEFAULTS).vectors().get(0);
    assertClose(floats(referenceCase("chelsea.png.imgbeddings.png").get("imgbeddings")), ours, 1e-5, "imgbeddings vector");
  }

  @Test
  void stackedImgbeddingsExportGivesTheSameVectors() throws IOException {
    try (ImageEmbeddingModel stacked = ImageEmbeddingModel.of(Embedkit.loadFolder("stacked",
        TestData.tinyModel("imgbeddings-stacked", dir, false), LoadOptions.DEFAULTS))) {
      RgbImage prepared = TestData.decode(TestData.parity().resolve("expected/chelsea.png.imgbeddings.png"));
      float[] ours = stacked.embedDecoded(List.of(prepared), EmbedOptions.DEFAULTS).vectors().get(0);
      assertClose(floats(referenceCase("chelsea.png.imgbeddings.png").get("imgbeddings")), ours, 1e-5, "stacked layout");
    }
  }

  @Test
  void clipImageEmbedsAgreeWithNumpyReferenceAfterNormalisation() throws IOException {
    RgbImage prepared = TestData.decode(TestData.parity().resolve("expected/chelsea.png.clip.png"));
    float[] ours = clip.embedDecoded(List.of(prepared), EmbedOptions.DEFAULTS).vectors().get(0);
    float[] expected = floats(referenceCase("chelsea.png.clip.png").get("clip_image_embeds"));
    VectorMath.normalizeInPlace(expected);
    assertClose(expected, ours, 1e-5, "image_embeds");
  }

  @Test
  void imageFileAndItsBytesAndDataUriGiveTheSameVector() throws IOException {
    Path file = TestData.sharedImages().resolve("chelsea.png");
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    String dataUri = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(bytes);
    List<float[]> v = clip.embedImages(List.of(ImageInput.file(file), ImageInput.bytes(bytes, "bytes"), ImageInput.parse(dataUri))).vectors();
    assertClose(v.get(0), v.get(1), 0, "bytes");
    assertClose(v.get(0), v.get(2), 0, "data URI");
  }

  @Test
  void anImageVectorDoesNotDependOnItsBatch() {
    List<ImageInput> all = TestData.goodSharedImages();
    List<float[]> batched = clip.embedImages(all).vectors();
    for (int i = 0; i < all.size(); i += 5) {
      assertClose(batched.get(i), clip.embedImages(List.of(all.get(i))).vectors().get(0), 1e-6, all.get(i).label());
    }
  }

  @Test
  void combinedGraphGivesTheSameVectorsAsSeparateTowers() throws IOException {
    try (ImageEmbeddingModel combined = ImageEmbeddingModel.of(Embedkit.loadFolder("combined",
        TestData.tinyModel("clip-combined", dir, true), LoadOptions.DEFAULTS))) {
      ImageInput cat = ImageInput.file(TestData.sharedImages().resolve("chelsea.png"));
      assertClose(clip.embedImages(List.of(cat)).vectors().get(0), combined.embedImages(List.of(cat)).vectors().get(0), 1e-6, "image");
      List<String> texts = List.of("a photo of a cat", "a dog", "a rocket launch at night");
      List<float[]> a = clip.embed(texts, EmbedOptions.DEFAULTS).vectors();
      List<float[]> b = combined.embed(texts, EmbedOptions.DEFAULTS).vectors();
      for (int i = 0; i < texts.size(); i++) {
        assertClose(a.get(i), b.get(i), 1e-6, texts.get(i));
      }
      assertEquals(100.0, ((ClipModel) combined).logitScale(), 1e-3, "logit_scale from config.json");
    }
  }

  @Test
  void textVectorsDoNotDependOnTheirBatch() {
    List<String> texts = List.of("a cat", "a photo of a cat sitting on a chair", "dog", "a rocket", "the hubble deep field");
    List<float[]> batched = clip.embed(texts, EmbedOptions.DEFAULTS).vectors();
    for (int i = 0; i < texts.size(); i++) {
      assertClose(batched.get(i), clip.embed(texts.get(i)), 1e-6, texts.get(i));
    }
  }

  @Test
  void zeroShotProbabilitiesAreTheSoftmaxOfScaledCosines() {
    ImageInput cat = ImageInput.file(TestData.sharedImages().resolve("chelsea.png"));
    List<String> labels = List.of("a photo of a cat", "a photo of a dog", "a rocket");
    List<ImageSearch.Label> result = ImageSearch.classify(clip, cat, labels);
    assertEquals(100.0, ((ClipModel) clip).logitScale(), 1e-3, "exp of the graph's logit_scale output");
    float[] image = clip.embedImages(List.of(cat)).vectors().get(0);
    double[] logits = new double[labels.size()];
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      logits[i] = 100.0 * Metric.COSINE.compute(image, clip.embed(labels.get(i)));
      sum += Math.exp(logits[i]);
    }
    double total = 0;
    for (int i = 0; i < labels.size(); i++) {
      assertEquals(labels.get(i), result.get(i).label());
      assertEquals(Math.exp(logits[i]) / sum, result.get(i).probability(), 1e-4);
      total += result.get(i).probability();
    }
    assertEquals(1.0, total, 1e-9);
  }

  @Test
  void classifyingManyImagesGivesEachTheLabelsItGetsAloneAndSkippedIndicesCountFromTheWholeList() {
    List<ImageInput> small = List.of(ImageInput.file(TestData.sharedImages().resolve("palette_color.png")),
        ImageInput.file(TestData.sharedImages().resolve("horse.png")),
        ImageInput.file(TestData.parity().resolve("inputs/small_50x37.png")));
    List<ImageInput> many = new ArrayList<>();
    for (int i = 0; i < ImageSearch.CLASSIFY_CHUNK + 6; i++) {
      many.add(small.get(i % small.size()));
    }
    int bad = ImageSearch.CLASSIFY_CHUNK + 2; // in the second chunk
    many.set(bad, ImageInput.file(TestData.sharedImages().resolve("truncated.jpg")));
    List<String> labels = List.of("a photo of a cat", "a horse", "colours");
    ImageSearch.Classifications result = ImageSearch.classify(clip, many, labels, OnBadImage.SKIP);
    assertEquals(List.of(bad), result.skipped().stream().map(ImageBatch.Skipped::index).toList());
    assertEquals(many.size() - 1, result.images().size());
    for (ImageSearch.Classification c : result.images()) {
      assertEquals(many.get(c.index()), c.image());
      assertEquals(ImageSearch.classify(clip, c.image(), labels), c.labels(), "image " + c.index());
    }
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageSearch.classify(clip, many, labels, OnBadImage.FAIL));
    assertTrue(e.getMessage().contains("truncated.jpg"), e.getMessage());
  }

  @Test
  void labelsGivenTwiceAreAnErrorBecauseTheyWouldSplitTheProbability() {
    ImageInput cat = ImageInput.file(TestData.sharedImages().resolve("chelsea.png"));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageSearch.classify(clip, cat, List.of("a cat", "a dog", "a cat")));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("'a cat'"), e.getMessage());
  }

  @Test
  void askingForNoImagesIsAnErrorNotOneImage() {
    List<ImageInput> images = TestData.goodSharedImages().subList(0, 2);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageSearch.rankByText(clip, "a cat", images, 0));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals(2, ImageSearch.rankByText(clip, "a cat", images, 5).size(), "k above the count gives all");
  }

  @Test
  void rankingImagesByTextAgreesWithTopKOverTheirVectors() {
    List<ImageInput> images = TestData.goodSharedImages();
    List<ImageSearch.Hit> hits = ImageSearch.rankByText(clip, "a photo of a cat", images, 4);
    List<Neighbor> expected = Similarity.topK(clip.embed("a photo of a cat"), clip.embedImages(images).vectors(), 4, Metric.COSINE);
    assertEquals(4, hits.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(expected.get(i).index(), hits.get(i).index());
      assertEquals(expected.get(i).value(), hits.get(i).score(), 1e-6);
    }
  }

  @Test
  void anImageIsItsOwnNearestNeighbour() {
    List<ImageInput> images = TestData.goodSharedImages();
    List<ImageSearch.Hit> hits = ImageSearch.similarImages(imgbeddings, images.get(3), images, 3);
    assertEquals(3, hits.get(0).index());
    assertEquals(1.0, hits.get(0).score(), 1e-5);
    assertTrue(hits.get(1).score() <= hits.get(0).score());
  }

  @Test
  void imageResultsTakeTheSameOptionsAsText() {
    List<ImageInput> images = List.of(ImageInput.file(TestData.sharedImages().resolve("coffee.png")));
    EmbeddingResult truncated = clip.embedImages(images, EmbedOptions.DEFAULTS.withDimensions(4));
    assertEquals(4, truncated.dimensions());
    assertEquals(1.0, VectorMath.norm(truncated.vectors().get(0)), 1e-5, "renormalised after truncation");
    EmbeddingResult int8 = clip.embedImages(images, EmbedOptions.DEFAULTS.withPrecision(Precision.INT8));
    assertEquals(Precision.INT8, int8.precision());
    assertEquals(8, int8.embeddings().get(0).bytes().length);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.embedImages(images, EmbedOptions.DEFAULTS.withDimensions(9)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void oneBadImageFailsTheWholeCall() {
    List<ImageInput> images = List.of(ImageInput.file(TestData.sharedImages().resolve("coffee.png")),
        ImageInput.file(TestData.sharedImages().resolve("truncated.jpg")));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.embedImages(images));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("truncated.jpg"), e.getMessage());
  }

  @Test
  void missingImageFileIsNotFound() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> clip.embedImages(List.of(ImageInput.file(dir.resolve("nope.png")))));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
  }

  @Test
  void imgbeddingsHasNoTextSide() {
    assertFalse(imgbeddings.embedsText());
    assertEquals(java.util.Set.of(Modality.IMAGE), imgbeddings.info().modalities());
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> imgbeddings.embed(List.of("a cat"), EmbedOptions.DEFAULTS));
    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    assertFalse(e.getMessage().contains("\n"));
    ImageInput cat = ImageInput.file(TestData.sharedImages().resolve("chelsea.png"));
    assertThrows(EmbedkitException.class, () -> ImageSearch.classify(imgbeddings, cat, List.of("a cat")));
  }

  @Test
  void textOnlyModelAskedForImagesIsAOneLineError() {
    try (EmbeddingModel text = Embedkit.load("all-minilm-l6-v2-int8")) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageEmbeddingModel.of(text));
      assertEquals(ErrorKind.UNSUPPORTED, e.kind());
      assertTrue(e.getMessage().contains("text only"), e.getMessage());
    }
  }

  @Test
  void pcaReducesToTheFittedDimensionsAndSurvivesSaveAndLoad() throws IOException {
    List<ImageInput> images = TestData.goodSharedImages();
    ImgbeddingsModel model = (ImgbeddingsModel) imgbeddings;
    Pca pca = model.fitPca(images, 3);
    for (int a = 0; a < 3; a++) {
      assertEquals(1.0, VectorMath.norm(pca.components()[a]), 1e-4, "unit component " + a);
      for (int b = a + 1; b < 3; b++) {
        assertEquals(0.0, VectorMath.dot(pca.components()[a], pca.components()[b]), 1e-4, "orthogonal " + a + "," + b);
      }
    }
    // variance along the components is non-increasing
    List<float[]> projected = new ArrayList<>();
    for (float[] v : imgbeddings.embedImages(images).vectors()) {
      projected.add(pca.transform(v));
    }
    double[] variance = new double[3];
    for (float[] p : projected) {
      for (int k = 0; k < 3; k++) {
        variance[k] += p[k] * p[k];
      }
    }
    assertTrue(variance[0] >= variance[1] - 1e-6 && variance[1] >= variance[2] - 1e-6, java.util.Arrays.toString(variance));
    Path file = dir.resolve("pca.json");
    pca.save(file);
    Pca loaded = Pca.load(file);
    try (ImgbeddingsModel reduced = model.withPca(loaded)) {
      EmbeddingResult result = reduced.embedImages(images.subList(0, 2));
      assertEquals(3, result.dimensions());
      assertClose(projected.get(0), result.vectors().get(0), 1e-5, "PCA through the model");
    }
  }

  @Test
  void loaderRecognisesImageFoldersOnly() throws IOException {
    ImageModelLoader loader = new ImageModelLoader();
    assertTrue(loader.accepts(dir.resolve("clip")));
    assertTrue(loader.accepts(dir.resolve("imgbeddings")));
    assertFalse(loader.accepts(dir));
    assertInstanceOf(ClipModel.class, clip);
  }
}
