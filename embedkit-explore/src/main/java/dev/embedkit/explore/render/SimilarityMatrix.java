package dev.embedkit.explore.render;

import java.util.List;

/**
 * Pairwise similarities to draw as a heatmap.
 *
 * @param labels one label per row and column
 * @param scores {@code scores[i][j]}: similarity of i and j
 * @param metric the similarity's name for the colour scale's title (e.g. "cosine")
 */
public record SimilarityMatrix(List<String> labels, float[][] scores, String metric) {}
