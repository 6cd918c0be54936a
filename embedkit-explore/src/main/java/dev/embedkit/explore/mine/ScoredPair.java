package dev.embedkit.explore.mine;

/** Two inputs (first < second) and their cosine similarity. */
public record ScoredPair(int first, int second, float score) {}
