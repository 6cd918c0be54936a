package dev.embedkit.explore.mine;

/** STUB: the clustering helper implements this (see the task). */
public record DuplicateGroup(int[] members, float minScore, float maxScore, int representative) {}
