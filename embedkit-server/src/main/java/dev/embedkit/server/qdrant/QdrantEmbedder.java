package dev.embedkit.server.qdrant;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.ModelInfo;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.EmbedCall;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.InputItem;
import dev.embedkit.server.service.ServedModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.store.CollectionConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Qdrant's inference objects ({@code {"text", "model"}}) in embedkit: the text is embedded by the served model of
 * that name through the {@link EmbeddingService} (its admission, limits and batching queue, as every embedding
 * request), with the model's document or query prompt as a collection would apply it. On a collection that has its
 * own model the Document must name that model (vectors of another would not compare).
 */
final class QdrantEmbedder {
  /** Qdrant's name for BM25 (any case): a Document with it is a keyword query over the points' text. */
  static final String BM25 = "qdrant/bm25";

  private final EmbeddingService service;

  QdrantEmbedder(EmbeddingService service) {
    this.service = service;
  }

  static boolean isBm25(String model) {
    return BM25.equals(model.toLowerCase(Locale.ROOT));
  }

  /**
   * Checks a Document's model against a collection with its own model (the collection then embeds the text itself,
   * with its chunking and prompts). Returns whether the collection has a model.
   */
  boolean collectionEmbeds(CollectionConfig config, String model, String path) {
    if (config.model() == null) {
      return false;
    }
    String own = config.model().name();
    Optional<ServedModel> served = service.models().find(model);
    boolean same = own.equalsIgnoreCase(model) || served.isPresent() && (served.get().name().equalsIgnoreCase(own)
        || served.get().spec().source().equalsIgnoreCase(own));
    if (!same) {
      throw ServerException.invalid("'" + path + ".model' is " + model + ", but collection '" + config.name()
          + "' embeds with its own model " + own + "; name that model (vectors of another would not compare)", path);
    }
    return true;
  }

  /** Whether the server serves this model (so texts can go through the embedding service). */
  boolean serves(String model) {
    return service.models().find(model).isPresent();
  }

  /** Embeds texts with a served model: as documents (upserts) or as queries. */
  List<float[]> embed(Admission.Ticket ticket, String model, List<String> texts, boolean query, String path) {
    return embedInputs(ticket, model, texts.stream().map(InputItem::text).toList(), query, path);
  }

  /**
   * Embeds pictures (http(s) URLs, data URIs or base64 bytes) with a served image model: read by the server's image
   * loader (its URL policy and size limits), embedded through the service.
   */
  List<float[]> embedImages(Admission.Ticket ticket, String model, List<String> images, String path) {
    List<InputItem> inputs = new java.util.ArrayList<>(images.size());
    for (String image : images) {
      inputs.add(new InputItem.Image(imageInput(image, path)));
    }
    return embedInputs(ticket, model, inputs, false, path);
  }

  private static ImageInput imageInput(String value, String path) {
    String lower = value.length() > 8 ? value.substring(0, 8).toLowerCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("data:")) {
        return ImageInput.dataUri(value);
      }
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        return ImageInput.url(value);
      }
      if (value.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
        throw ServerException.invalid("'" + path + ".image' is a " + value.substring(0, value.indexOf(':'))
            + " URL; image URLs must be http or https (or send the bytes as a data URI or base64)", path);
      }
      return ImageInput.base64(value, "'" + path + ".image'");
    } catch (dev.embedkit.EmbedkitException e) {
      throw ServerException.invalid("'" + path + ".image': " + e.getMessage(), path);
    }
  }

  private List<float[]> embedInputs(Admission.Ticket ticket, String model, List<InputItem> inputs, boolean query,
      String path) {
    ServedModel served = service.models().find(model).orElseThrow(() -> ServerException.invalid("'" + path
        + ".model': model '" + model + "' is not served here; served models: " + service.models().names()
        + " (serve it with embedkit serve --model " + model + ")", path));
    ModelInfo info = served.info();
    String promptName = query ? info.queryPromptName() : info.documentPromptName();
    String prompt = promptName == null ? "" : info.prompts().get(promptName);
    boolean images = inputs.stream().anyMatch(i -> i instanceof InputItem.Image);
    EmbedOptions options = images || prompt.isEmpty() ? EmbedOptions.DEFAULTS : EmbedOptions.DEFAULTS.withPrompt(prompt);
    try {
      return service.embed(ticket, new EmbedCall(served.name(), inputs, options, path), () -> false).result()
          .embeddings().stream().map(Embedding::vector).toList();
    } catch (ServerException e) {
      if (e.problem() == Problem.MODEL_NOT_FOUND) {
        throw ServerException.invalid(e.getMessage(), path); // a 404 would read as "no such collection"
      }
      throw e;
    }
  }

  /** A picture the store may keep as a reference (and read itself): an http(s) URL or a data URI, not bare base64. */
  static boolean reference(String image) {
    String lower = image.length() > 8 ? image.substring(0, 8).toLowerCase(java.util.Locale.ROOT) : image;
    return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:");
  }
}
