package dev.embedkit.bench.explore;

/**
 * One Java run, handed to its child JVM ({@link ExploreRun}) as JSON.
 *
 * @param method pca, knn, umap, hdbscan, tsne or mine
 * @param n points
 * @param points the float32 .npy points (unit vectors)
 * @param input hdbscan: the 2-D map it clusters (the UMAP row's output); else null
 * @param output where the map (n x 2 float32) or the kNN graph (n x k int32) goes; null for hdbscan and mine
 * @param result where the child writes its {@link ExploreResult}
 * @param seed every seeded method's seed
 * @param knnK the kNN graph's neighbours
 * @param umapNeighbours UMAP's n_neighbors
 * @param umapMinDist UMAP's min_dist
 * @param umapEpochs UMAP's epochs (0: automatic)
 * @param perplexity t-SNE's perplexity
 * @param tsneIterations t-SNE's iterations
 * @param hdbscanMinClusterSize HDBSCAN's smallest cluster
 * @param hdbscanMinSamples HDBSCAN's min_samples
 * @param miningTopK paraphrase mining's top_k
 */
record ExploreSpec(String method, int n, String points, String input, String output, String result, long seed,
    int knnK, int umapNeighbours, double umapMinDist, int umapEpochs, double perplexity, int tsneIterations,
    int hdbscanMinClusterSize, int hdbscanMinSamples, int miningTopK) {}
