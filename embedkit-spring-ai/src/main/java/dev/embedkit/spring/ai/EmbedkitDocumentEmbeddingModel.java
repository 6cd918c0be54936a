package dev.embedkit.spring.ai;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.DocumentEmbeddingModel;
import org.springframework.ai.embedding.DocumentEmbeddingRequest;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.EmbeddingResultMetadata;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * A Spring AI {@link DocumentEmbeddingModel} over an embedkit image model: documents holding an image
 * ({@link Media} with an {@code image/*} type) are embedded by the image tower, text documents by a CLIP model's text
 * tower, into the same space. All images of a request go through one embedkit call, all texts through another, and the
 * results come back in request order.
 *
 * <pre>{@code
 * try (EmbedkitDocumentEmbeddingModel clip = EmbedkitDocumentEmbeddingModel.load("path/to/clip")) {
 *   Media photo = Media.builder().mimeType(Media.Format.IMAGE_PNG).data(new FileSystemResource("cat.png")).build();
 *   EmbeddingResponse r = clip.call(new DocumentEmbeddingRequest(new Document(photo, Map.of()),
 *       new Document("a photo of a cat")));
 * }
 * }</pre>
 *
 * Image data may be bytes (what {@code Media.builder().data(Resource)} reads), or a string: an http(s) URL, a
 * {@code data:} URI or a {@code file:} URI. Request option {@code dimensions} truncates (Matryoshka); {@code model}
 * must name this model if given.
 */
public class EmbedkitDocumentEmbeddingModel implements DocumentEmbeddingModel, AutoCloseable {
  private final ImageEmbeddingModel model;
  private final EmbedkitEmbeddingModel options;
  private final boolean owned;

  /** Uses a loaded image model (CLIP or imgbeddings); the caller keeps ownership and closes it. */
  public EmbedkitDocumentEmbeddingModel(dev.embedkit.EmbeddingModel model) {
    this(model, false);
  }

  private EmbedkitDocumentEmbeddingModel(dev.embedkit.EmbeddingModel model, boolean owned) {
    Objects.requireNonNull(model, "model");
    try {
      this.model = ImageEmbeddingModel.of(model);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
    this.options = new EmbedkitEmbeddingModel(model);
    this.owned = owned;
  }

  /** Loads an image model by name or folder path; {@link #close()} releases it. */
  public static EmbedkitDocumentEmbeddingModel load(String nameOrPath) {
    dev.embedkit.EmbeddingModel loaded = SpringErrors.load(nameOrPath);
    try {
      return new EmbedkitDocumentEmbeddingModel(loaded, true);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  @Override
  public EmbeddingResponse call(DocumentEmbeddingRequest request) {
    Objects.requireNonNull(request, "request");
    List<Document> documents = request.getInstructions();
    if (documents == null) {
      throw new IllegalArgumentException("the request has no documents (null); give a list of documents");
    }
    EmbedOptions embedOptions = options.options(request.getOptions());
    List<Integer> imagePositions = new ArrayList<>();
    List<ImageInput> images = new ArrayList<>();
    List<Integer> textPositions = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      Document document = Objects.requireNonNull(documents.get(i), "document " + i);
      if (document.isText()) {
        textPositions.add(i);
        texts.add(document.getText());
      } else {
        imagePositions.add(i);
        images.add(image(document));
      }
    }
    if (!texts.isEmpty() && !model.embedsText()) {
      throw new IllegalArgumentException("document '" + documents.get(textPositions.get(0)).getId()
          + "' holds text, but model " + model.info().name() + " embeds images only (a CLIP model embeds both)");
    }
    float[][] vectors = new float[documents.size()][];
    int tokens = 0;
    try {
      if (!images.isEmpty()) {
        EmbeddingResult result = model.embedImages(images, embedOptions);
        for (int k = 0; k < imagePositions.size(); k++) {
          vectors[imagePositions.get(k)] = result.embeddings().get(k).vector();
        }
      }
      if (!texts.isEmpty()) {
        EmbeddingResult result = model.embed(texts, embedOptions);
        tokens = result.totalTokens();
        for (int k = 0; k < textPositions.size(); k++) {
          vectors[textPositions.get(k)] = result.embeddings().get(k).vector();
        }
      }
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
    List<Embedding> embeddings = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      MimeType type = document.isText() ? MimeTypeUtils.TEXT_PLAIN : document.getMedia().getMimeType();
      var metadata = new EmbeddingResultMetadata(document.getId(),
          document.isText() ? EmbeddingResultMetadata.ModalityType.TEXT : EmbeddingResultMetadata.ModalityType.IMAGE,
          type, null);
      embeddings.add(new Embedding(vectors[i], i, metadata));
    }
    return new EmbeddingResponse(embeddings, new EmbeddingResponseMetadata(model.info().name(),
        new DefaultUsage(tokens, 0, tokens), Map.of()));
  }

  /** The vector length, from the model's files, without running the model. */
  @Override
  public int dimensions() {
    return model.info().dimensions();
  }

  /** Closes the model when this adapter loaded it ({@link #load}); a model passed in stays open. */
  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }

  private static ImageInput image(Document document) {
    Media media = document.getMedia();
    MimeType type = media.getMimeType();
    if (type == null || !"image".equals(type.getType())) {
      throw new IllegalArgumentException("document '" + document.getId() + "' holds " + type
          + " media; accepted: image/* media or text");
    }
    Object data = media.getData();
    String label = "document '" + document.getId() + "'";
    if (data instanceof byte[] bytes) {
      return ImageInput.bytes(bytes, label);
    }
    if (data instanceof String text) {
      String lower = text.toLowerCase(Locale.ROOT);
      try {
        if (lower.startsWith("data:")) {
          return ImageInput.dataUri(text);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
          return ImageInput.url(text);
        }
        if (lower.startsWith("file:")) {
          return ImageInput.file(Path.of(URI.create(text)));
        }
      } catch (EmbedkitException e) {
        throw SpringErrors.translate(e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(label + " has a bad image reference: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(label + " has image data of type "
        + (data == null ? "null" : data.getClass().getSimpleName())
        + "; accepted: bytes, or an http(s), data: or file: URI string");
  }
}
