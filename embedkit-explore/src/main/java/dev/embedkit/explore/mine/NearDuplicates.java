package dev.embedkit.explore.mine;

/** STUB: the clustering helper implements this (see the task). */
public final class NearDuplicates {
  private NearDuplicates() {}
}
