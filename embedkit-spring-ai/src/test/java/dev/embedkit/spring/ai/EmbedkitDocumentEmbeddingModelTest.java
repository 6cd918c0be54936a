package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.Embedkit;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.DocumentEmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResultMetadata.ModalityType;
import org.springframework.util.MimeTypeUtils;

/**
 * The image DocumentEmbeddingModel with the tiny real CLIP model that embedkit-image's script regenerates
 * (scripts/tiny/clip, with MiniLM's tokenizer as embedkit-server's TinyModels does): its vectors must equal the
 * library's for the same images and texts, in request order.
 */
class EmbedkitDocumentEmbeddingModelTest {
  @TempDir
  static Path dir;

  static ImageEmbeddingModel clip;
  static EmbedkitDocumentEmbeddingModel model;
  static byte[] red;
  static byte[] gradient;

  @BeforeAll
  static void load() throws IOException {
    Path folder = tinyClip(dir);
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", folder, LoadOptions.DEFAULTS));
    model = new EmbedkitDocumentEmbeddingModel(clip);
    red = png(solid(32, 32, 0xCC2222));
    gradient = png(gradient(48, 40));
  }

  @AfterAll
  static void close() {
    if (clip != null) {
      clip.close();
    }
  }

  @Test
  void imagesAndTextsGetTheLibrarysVectorsInRequestOrder() throws IOException {
    Path file = dir.resolve("gradient.png");
    Files.write(file, gradient);
    List<Document> documents = List.of(
        new Document("red", new Media(MimeTypeUtils.IMAGE_PNG, new org.springframework.core.io.ByteArrayResource(red)),
            Map.of()),
        new Document("caption", "a red square", Map.of()),
        new Document("file", Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(file.toUri()).build(), Map.of()),
        new Document("inline", Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG)
            .data("data:image/png;base64," + Base64.getEncoder().encodeToString(gradient)).build(), Map.of()));

    EmbeddingResponse response = model.call(new DocumentEmbeddingRequest(documents));

    List<float[]> images = clip.embedImages(List.of(ImageInput.bytes(red, "red"), ImageInput.file(file))).vectors();
    assertThat(response.getResults()).hasSize(4);
    assertThat(response.getResults().get(0).getOutput()).containsExactly(images.get(0));
    assertThat(response.getResults().get(1).getOutput()).containsExactly(clip.embed("a red square"));
    assertThat(response.getResults().get(2).getOutput()).containsExactly(images.get(1));
    assertThat(response.getResults().get(3).getOutput()).containsExactly(images.get(1));
    assertThat(response.getResults().get(0).getMetadata().getModalityType()).isEqualTo(ModalityType.IMAGE);
    assertThat(response.getResults().get(1).getMetadata().getModalityType()).isEqualTo(ModalityType.TEXT);
    assertThat(response.getResults().get(2).getMetadata().getDocumentId()).isEqualTo("file");
    assertThat(response.getMetadata().getUsage().getPromptTokens())
        .isEqualTo(clip.countTokens(List.of("a red square"))[0]);
    assertThat(model.dimensions()).isEqualTo(clip.info().dimensions()).isEqualTo(8);
  }

  @Test
  void dimensionsOptionTruncatesImagesToo() {
    EmbeddingResponse response = model.call(new DocumentEmbeddingRequest(
        List.of(new Document("red", new Media(MimeTypeUtils.IMAGE_PNG,
            new org.springframework.core.io.ByteArrayResource(red)), Map.of())),
        EmbeddingOptions.builder().dimensions(4).build()));
    assertThat(response.getResult().getOutput()).hasSize(4);
  }

  @Test
  void badDocumentsFailInSpringsTerms() {
    Document pdf = new Document("pdf", new Media(MimeTypeUtils.parseMimeType("application/pdf"),
        URI.create("https://example.org/a.pdf")), Map.of());
    assertThatThrownBy(() -> model.call(new DocumentEmbeddingRequest(pdf)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("document 'pdf' holds application/pdf media; accepted: image/* media or text");
    Document broken = new Document("broken", new Media(MimeTypeUtils.IMAGE_PNG,
        new org.springframework.core.io.ByteArrayResource(new byte[] {1, 2, 3})), Map.of());
    assertThatThrownBy(() -> model.call(new DocumentEmbeddingRequest(broken)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken");
    assertThatThrownBy(() -> new EmbedkitDocumentEmbeddingModel(SharedModel.library()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("embeds text only");
  }

  /** Copies the tiny CLIP model into {@code target} with MiniLM's tokenizer, as embedkit-server's TinyModels does. */
  static Path tinyClip(Path target) throws IOException {
    Path source = Path.of(System.getProperty("user.dir")).resolve("../embedkit-image/scripts/tiny/clip").normalize();
    assertThat(source).as("the tiny CLIP model of embedkit-image").isDirectory();
    Path folder = target.resolve("clip");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = folder.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    String resource = "/" + BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource();
    try (InputStream in = EmbedkitDocumentEmbeddingModelTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("tokenizer resource " + resource).isNotNull();
      Files.copy(in, folder.resolve("tokenizer.json"));
    }
    return folder;
  }

  static BufferedImage solid(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
      }
    }
    return image;
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
