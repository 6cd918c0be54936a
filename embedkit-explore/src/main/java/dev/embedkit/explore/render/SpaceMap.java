package dev.embedkit.explore.render;

import java.util.List;

/**
 * A 2-D map of embeddings, ready to draw.
 *
 * @param title what the picture is of (e.g. "stsb.txt, all-MiniLM-L6-v2")
 * @param caption how it was made, and anything a reader must know (e.g. "UMAP, seed 42; a sample of 20,000 of 150,000
 *     points"); drawn under the map
 * @param method the projection's id (pca, umap, tsne)
 * @param points the points, in input order
 * @param clusters the clusters, largest first; empty when the map is not clustered
 */
public record SpaceMap(String title, String caption, String method, List<MapPoint> points, List<MapCluster> clusters) {}
