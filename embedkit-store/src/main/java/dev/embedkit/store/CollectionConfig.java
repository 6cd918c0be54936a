package dev.embedkit.store;

import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a collection is, recorded in its folder ({@code collection.json}) when it is created and checked whenever it
 * opens.
 *
 * @param name 1 to 64 chars of letters, digits, '_', '-' and '.', not starting with '.' or '-'
 * @param model the embedding model, or null for a collection of external vectors
 * @param dimensions vector length (the model's, or the external vectors')
 * @param similarity how vectors compare (cosine, dot or euclidean; Lucene's HNSW has no Manhattan)
 * @param hnsw graph settings
 * @param quantization vector storage in the graph
 * @param chunking how long texts are split
 * @param analyzer the keyword analyzer for BM25: "english" (default) or "standard"
 */
public record CollectionConfig(
    String name,
    ModelRef model,
    int dimensions,
    Metric similarity,
    HnswSettings hnsw,
    Quantization quantization,
    ChunkSettings chunking,
    String analyzer) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

  public CollectionConfig {
    checkName(name);
    if (dimensions < 1 || dimensions > 1024) {
      throw EmbedkitException.invalidInput("dimensions is " + dimensions + "; accepted: 1 to 1024 (the limit of Lucene 9 HNSW)");
    }
    Objects.requireNonNull(similarity, "similarity");
    if (similarity == Metric.MANHATTAN) {
      throw EmbedkitException.unsupported("a collection cannot use manhattan similarity (Lucene's HNSW has none);"
          + " accepted: cosine, dot, euclidean");
    }
    hnsw = hnsw == null ? HnswSettings.DEFAULTS : hnsw;
    quantization = quantization == null ? Quantization.NONE : quantization;
    chunking = chunking == null ? ChunkSettings.DEFAULTS : chunking;
    analyzer = analyzer == null ? "english" : analyzer;
    if (!analyzer.equals("english") && !analyzer.equals("standard")) {
      throw EmbedkitException.invalidInput("unknown analyzer '" + analyzer + "'; accepted: english, standard");
    }
  }

  /** A collection of external vectors (no model). */
  public static CollectionConfig external(String name, int dimensions, Metric similarity) {
    return new CollectionConfig(name, null, dimensions, similarity, null, null, null, null);
  }

  /** Whether vectors come from the caller rather than a model. */
  public boolean externalVectors() {
    return model == null;
  }

  public CollectionConfig withHnsw(HnswSettings settings) {
    return new CollectionConfig(name, model, dimensions, similarity, settings, quantization, chunking, analyzer);
  }

  public CollectionConfig withQuantization(Quantization q) {
    return new CollectionConfig(name, model, dimensions, similarity, hnsw, q, chunking, analyzer);
  }

  public CollectionConfig withChunking(ChunkSettings settings) {
    return new CollectionConfig(name, model, dimensions, similarity, hnsw, quantization, settings, analyzer);
  }

  public CollectionConfig withAnalyzer(String name) {
    return new CollectionConfig(this.name, model, dimensions, similarity, hnsw, quantization, chunking, name);
  }

  /** This config as the JSON of {@code collection.json} (a backend keeps it beside its remote collection). */
  public String toJson() {
    return new String(CollectionFile.json(this), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A config from {@link #toJson()}'s form; {@code where} names the source in error messages. */
  public static CollectionConfig fromJson(String json, String where) {
    return CollectionFile.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), where);
  }

  /** Refuses names that could leave the collections folder or are too long, saying what is accepted. */
  public static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      String shown = name == null ? "null" : name.length() > 80 ? name.substring(0, 80) + "..." : name;
      throw EmbedkitException.invalidInput("invalid collection name '" + shown + "'; accepted: 1 to 64 chars of"
          + " letters, digits, '_', '-' and '.', starting with a letter, digit or '_'");
    }
  }
}
