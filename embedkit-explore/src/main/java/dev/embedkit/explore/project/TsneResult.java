package dev.embedkit.explore.project;

import java.util.List;

/**
 * A t-SNE map and how the optimisation went.
 *
 * @param coordinates n x 2, in the input's order
 * @param iterations gradient steps taken (fewer than asked when the KL divergence stopped improving for 300 steps
 *     or the gradient vanished, scikit-learn's stopping rules)
 * @param checkpoints the KL divergence KL(P || Q) of the map at step 250 (the end of early exaggeration), every 50
 *     steps, and at the end; always against the true P, also during early exaggeration
 */
public record TsneResult(float[][] coordinates, int iterations, List<Checkpoint> checkpoints) {
  public TsneResult {
    checkpoints = List.copyOf(checkpoints);
  }

  /**
   * The KL divergence after a number of gradient steps. The repulsion's normaliser Z comes from the Barnes-Hut
   * tree, so this is the same estimate scikit-learn reports as kl_divergence_.
   */
  public record Checkpoint(int iteration, double klDivergence) {}

  /** The KL divergence of the final map. */
  public double finalKlDivergence() {
    return checkpoints.get(checkpoints.size() - 1).klDivergence();
  }
}
