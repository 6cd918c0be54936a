package dev.embedkit.explore.cluster;

/** STUB: the clustering helper implements this (see the task). */
public record HdbscanOptions(int minClusterSize, int minSamples) {}
