package dev.embedkit.store;

import dev.embedkit.vector.Metric;

/**
 * What to create: a name and a model (or dimensions for external vectors), the rest optional (null: the default).
 *
 * @param name the collection's name
 * @param model the model's name (a built-in pack, a folder, a hub name), or null for external vectors
 * @param dimensions required for external vectors; with a model, null or the model's
 * @param similarity null: the model's (cosine for external vectors)
 * @param hnsw null: m 16, beam width 100
 * @param quantization null: none
 * @param chunking null: the model's window, 32 tokens overlap, sentence-aware
 * @param analyzer null: english
 */
public record CollectionSpec(String name, String model, Integer dimensions, Metric similarity, HnswSettings hnsw,
    Quantization quantization, ChunkSettings chunking, String analyzer) {

  public static CollectionSpec of(String name, String model) {
    return new CollectionSpec(name, model, null, null, null, null, null, null);
  }

  public static CollectionSpec external(String name, int dimensions) {
    return new CollectionSpec(name, null, dimensions, null, null, null, null, null);
  }

  public CollectionSpec withSimilarity(Metric m) {
    return new CollectionSpec(name, model, dimensions, m, hnsw, quantization, chunking, analyzer);
  }

  public CollectionSpec withHnsw(HnswSettings h) {
    return new CollectionSpec(name, model, dimensions, similarity, h, quantization, chunking, analyzer);
  }

  public CollectionSpec withQuantization(Quantization q) {
    return new CollectionSpec(name, model, dimensions, similarity, hnsw, q, chunking, analyzer);
  }

  public CollectionSpec withChunking(ChunkSettings c) {
    return new CollectionSpec(name, model, dimensions, similarity, hnsw, quantization, c, analyzer);
  }

  public CollectionSpec withAnalyzer(String a) {
    return new CollectionSpec(name, model, dimensions, similarity, hnsw, quantization, chunking, a);
  }
}
