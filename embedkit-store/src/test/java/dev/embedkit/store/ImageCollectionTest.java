package dev.embedkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLIP collection on the tiny CLIP model that embedkit-image's scripts/make_tiny_models.py generates (real ONNX
 * graphs, random weights): images in, then text-to-image and image-to-image queries ranked and scored exactly as the
 * library's own image and text vectors compare.
 */
class ImageCollectionTest {
  @TempDir static Path dir;
  static ImageEmbeddingModel clip;
  static List<Path> images;

  @BeforeAll
  static void load() throws IOException {
    Path source = Path.of(System.getProperty("user.dir")).resolve("../embedkit-image/scripts/tiny/clip").normalize();
    Assumptions.assumeTrue(Files.isDirectory(source), "the tiny CLIP model of embedkit-image is not beside this module");
    Path folder = dir.resolve("tiny-clip");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = folder.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    try (InputStream in = ImageCollectionTest.class.getResourceAsStream(
        "/" + BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource())) {
      Files.copy(in, folder.resolve("tokenizer.json"));
    }
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", folder, LoadOptions.DEFAULTS));
    Path shared = Path.of(System.getProperty("embedkit.shared", "/work/shared"), "datasets", "images");
    Assumptions.assumeTrue(Files.isDirectory(shared), "the shared test images are not at " + shared);
    images = new ArrayList<>();
    for (String name : List.of("astronaut.png", "chelsea.png", "coffee.png", "horse.png", "rocket.jpg")) {
      images.add(shared.resolve(name));
    }
  }

  @AfterAll
  static void close() {
    if (clip != null) {
      clip.close();
    }
  }

  @Test
  void textAndImageQueriesRankImagesByTheModelsCosine(@TempDir Path root) {
    EmbeddedCollections collections = new EmbeddedCollections(root, name -> clip);
    try (LuceneCollection collection = collections.create(CollectionSpec.of("pictures", "tiny-clip"))) {
      List<Document> documents = new ArrayList<>();
      for (Path image : images) {
        documents.add(new Document(image.getFileName().toString(), null, Map.of("kind", "photo"), null,
            image.toString()));
      }
      collection.add(documents);
      List<float[]> stored = clip.embedImages(images.stream().map(ImageInput::file).toList(), EmbedOptions.DEFAULTS)
          .vectors();

      List<SearchHit> same = collection.search(SearchRequest.of(Query.image(images.get(3).toString())).withTopK(5));
      assertEquals("horse.png", same.get(0).id());
      assertEquals(1.0, same.get(0).score(), 1e-6);
      assertEquals(images.get(3).toString(), same.get(0).image());

      float[] text = clip.embed(List.of("a photo of a horse"), EmbedOptions.DEFAULTS).vectors().get(0);
      List<SearchHit> hits = collection.search(SearchRequest.of(Query.text("a photo of a horse")).withTopK(5));
      List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
      order.sort(Comparator.comparingDouble((Integer i) -> -Metric.COSINE.compute(text, stored.get(i))));
      for (int i = 0; i < 5; i++) {
        int expected = order.get(i);
        assertEquals(images.get(expected).getFileName().toString(), hits.get(i).id());
        assertEquals(Metric.COSINE.compute(text, stored.get(expected)), (float) hits.get(i).score(), 0f);
      }
    }
  }

  @Test
  void aClipCollectionTakesShortTextsWholeAndRefusesLongOnesClearly(@TempDir Path root) {
    EmbeddedCollections collections = new EmbeddedCollections(root, name -> clip);
    try (LuceneCollection collection = collections.create(CollectionSpec.of("captions", "tiny-clip"))) {
      collection.add(List.of(Document.of("c", "a photo of a horse")));
      assertEquals(1, collection.get("c", false).orElseThrow().chunks().size());
      String longText = "horse ".repeat(clip.info().maxSeqLength() * 2);
      EmbedkitException tooLong = assertThrows(EmbedkitException.class,
          () -> collection.add(List.of(Document.of("long", longText))));
      assertEquals(ErrorKind.INVALID_INPUT, tooLong.kind());
      assertTrue(tooLong.getMessage().contains("cannot be split"), tooLong.getMessage());
      assertTrue(collection.get("long", false).isEmpty());
    }
  }

  @Test
  void aTextModelCollectionRefusesImages(@TempDir Path root) {
    try (var minilm = Embedkit.load("all-minilm-l6-v2")) {
      EmbeddedCollections collections = new EmbeddedCollections(root, name -> minilm);
      try (LuceneCollection collection = collections.create(CollectionSpec.of("texts", "all-minilm-l6-v2"))) {
        EmbedkitException add = assertThrows(EmbedkitException.class, () -> collection.add(
            List.of(new Document("x", null, Map.of(), null, images.get(0).toString()))));
        assertEquals(ErrorKind.UNSUPPORTED, add.kind());
        collection.add(List.of(Document.of("t", "a text")));
        EmbedkitException query = assertThrows(EmbedkitException.class, () -> collection.search(
            SearchRequest.of(Query.image(images.get(0).toString()))));
        assertEquals(ErrorKind.UNSUPPORTED, query.kind());
        assertTrue(query.getMessage().contains("CLIP"), query.getMessage());
      }
    }
  }
}
