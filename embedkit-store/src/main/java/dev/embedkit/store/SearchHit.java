package dev.embedkit.store;

import java.util.Map;

/**
 * One search result.
 *
 * @param id the document's id
 * @param score the collection's similarity between the query and the hit's vector (cosine for cosine models, the
 *     same number {@code embedkit similarity} prints), or for hybrid search the fused RRF score
 * @param text the document's whole text, if asked for
 * @param metadata its metadata, if asked for
 * @param vector the matching chunk's stored vector, if asked for
 * @param chunk the best (or, for chunk granularity, this) chunk with its offsets, if asked for and the text was chunked
 * @param image the stored image reference, if any and asked for
 */
public record SearchHit(String id, double score, String text, Map<String, Object> metadata, float[] vector,
    Chunk chunk, String image) {}
