/**
 * Seeing the space: 2-D maps of embeddings, clusters named by their terms, paraphrase and near-duplicate mining.
 * {@link dev.embedkit.explore.SpaceMapper} is the entry point for maps; {@code mine.ParaphraseMining} and
 * {@code mine.NearDuplicates} for pairs and groups.
 *
 * <p>Why the algorithms are implemented here: no maintained, permissively licensed JVM library offers UMAP or
 * Barnes-Hut t-SNE (Smile has them, under the GPL, which this project does not take), nor sentence-transformers'
 * community detection and paraphrase mining. Tribuo (Apache-2.0) has k-means and HDBSCAN, but through its own
 * dataset, feature-map and provenance model, for two algorithms of a few hundred lines that are tested here against
 * references; k-means is core's ({@code dev.embedkit.maths.KMeans}), shared with the evaluation module. Each
 * implementation names the published algorithm and reference code it follows, and its tests check that behaviour:
 * UMAP's a/b curve against umap-learn's values and trustworthiness on real sentences, t-SNE's Barnes-Hut forces
 * against the exact sum, NN-descent's recall against an exact scan, HDBSCAN against a brute-force reference,
 * community detection and paraphrase mining against sentence-transformers' own loops, trustworthiness against
 * scikit-learn's formula.
 */
package dev.embedkit.explore;
