package dev.embedkit.store;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.store.chunk.TextChunker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A collection's model with the options it embeds with: documents with the model's "document" (or "passage")
 * prompt, queries with its "query" prompt, as MTEB applies them in retrieval (no prompt for models without them,
 * e.g. all-MiniLM-L6-v2, so a document's vector is exactly what {@code embedkit embed} gives).
 * Public for other {@link Collection} implementations (embedkit-solr), so that every backend chunks and embeds alike.
 */
public final class CollectionEmbedder {
  private final EmbeddingModel model;
  private final EmbedOptions documentOptions;
  private final EmbedOptions queryOptions;
  private final TextChunker chunker;
  private final boolean truncate;
  /** Texts go in whole (no chunker: the model does not report token offsets, CLIP's text side); too long is refused. */
  private final boolean whole;
  /** How images are read (a server's URL policy and limits), or null for the model's own loader. */
  private final ImageLoader images;

  public CollectionEmbedder(EmbeddingModel model, ChunkSettings chunking, ImageLoader images) {
    this.model = model;
    this.images = images;
    Map<String, String> prompts = model.info().prompts();
    String document = model.info().documentPromptName();
    String query = model.info().queryPromptName();
    this.documentOptions = EmbedOptions.DEFAULTS.withPrompt(document == null ? "" : prompts.get(document));
    this.queryOptions = EmbedOptions.DEFAULTS.withPrompt(query == null ? "" : prompts.get(query));
    this.truncate = chunking.truncates();
    TextChunker made = null;
    if (!truncate) {
      try {
        made = new TextChunker(model, chunking, documentOptions);
      } catch (EmbedkitException e) {
        if (e.kind() != dev.embedkit.ErrorKind.UNSUPPORTED) {
          throw e;
        }
      }
    }
    this.chunker = made;
    this.whole = made == null && !truncate;
  }

  public EmbeddingModel model() {
    return model;
  }

  public boolean takesImages() {
    return model.info().modalities().contains(Modality.IMAGE) && model instanceof ImageEmbeddingModel;
  }

  public List<Chunk> chunks(String text) {
    if (chunker == null) {
      return List.of(new Chunk(0, 0, text.length(), text));
    }
    return chunker.split(text);
  }

  public List<float[]> documents(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    if (!whole) {
      return vectors(model.embed(texts, documentOptions));
    }
    try {
      return vectors(model.embed(texts, documentOptions.withTruncate(false)));
    } catch (EmbedkitException e) {
      if (e.inputIndex().isEmpty()) {
        throw e;
      }
      throw EmbedkitException.invalidInput("a document text is longer than the " + model.info().maxSeqLength()
          + "-token window of " + model.info().name() + ", whose texts cannot be split into chunks (it does not report"
          + " token offsets): shorten it, or create the collection with --chunk-tokens -1 to embed its first window");
    }
  }

  public float[] query(String text) {
    if (text.isBlank()) {
      throw EmbedkitException.invalidInput("the query text is empty; give some words to search for");
    }
    return vectors(model.embed(List.of(text), queryOptions)).get(0);
  }

  public List<float[]> images(List<String> sources) {
    if (sources.isEmpty()) {
      return List.of();
    }
    if (!takesImages()) {
      throw EmbedkitException.unsupported("model " + model.info().name() + " does not embed images; use a CLIP"
          + " model (e.g. clip-vit-b-32) for an image collection");
    }
    List<ImageInput> inputs = new ArrayList<>(sources.size());
    for (String source : sources) {
      inputs.add(ImageInput.parse(source));
    }
    ImageEmbeddingModel imageModel = (ImageEmbeddingModel) model;
    return vectors(images == null ? imageModel.embedImages(inputs, EmbedOptions.DEFAULTS)
        : imageModel.embedDecoded(images.loadAll(inputs), EmbedOptions.DEFAULTS));
  }

  private static List<float[]> vectors(dev.embedkit.EmbeddingResult result) {
    return result.vectors();
  }

  /** A chunk of a document with the vector it is stored under. */
  public record ChunkVector(Chunk chunk, float[] vector) {}

  /**
   * Chunks and embeds a batch as every collection stores it: a document's own vector as its one chunk, an image as one
   * chunk, a text as its chunks; texts and images of the whole batch each embedded in one call. Returns, per document,
   * its chunks with their vectors.
   *
   * @param embedder the collection's model, or null when every document brings its vector
   */
  public static List<List<ChunkVector>> chunkAndEmbed(CollectionEmbedder embedder, List<Document> documents) {
    List<List<Chunk>> chunked = new ArrayList<>(documents.size());
    List<String> texts = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (Document document : documents) {
      List<Chunk> chunks;
      if (document.vector() != null || document.text() == null) {
        String text = document.text() == null ? "" : document.text();
        chunks = List.of(new Chunk(0, 0, text.length(), text));
        if (document.vector() == null) {
          images.add(document.image());
        }
      } else {
        chunks = embedder.chunks(document.text());
        chunks.forEach(chunk -> texts.add(chunk.text()));
      }
      chunked.add(chunks);
    }
    List<float[]> textVectors = embedder == null ? List.of() : embedder.documents(texts);
    List<float[]> imageVectors = embedder == null ? List.of() : embedder.images(images);
    int nextText = 0;
    int nextImage = 0;
    List<List<ChunkVector>> out = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      Document document = documents.get(d);
      List<ChunkVector> block = new ArrayList<>(chunked.get(d).size());
      for (Chunk chunk : chunked.get(d)) {
        float[] vector = document.vector() != null ? document.vector()
            : document.text() == null ? imageVectors.get(nextImage++) : textVectors.get(nextText++);
        block.add(new ChunkVector(chunk, vector));
      }
      out.add(block);
    }
    return out;
  }

}
