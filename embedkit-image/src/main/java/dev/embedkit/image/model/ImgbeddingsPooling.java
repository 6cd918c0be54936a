package dev.embedkit.image.model;

/**
 * imgbeddings' vector from a CLIP vision transformer's outputs (minimaxir/imgbeddings, {@code create_embeddings}):
 * sum the hidden states of the last {@code layers} layers; average the attention maps of those layers over layers,
 * heads and query positions, giving one weight per token; set the CLS token's weight to 0 and renormalise the weights
 * to sum 1; the vector is the weighted sum of the summed hidden states over tokens. Accumulates in double.
 */
final class ImgbeddingsPooling {
  private ImgbeddingsPooling() {}

  /**
   * @param hidden per layer (the last {@code layers} ones), {@code [tokens][hiddenSize]} flattened for one image
   * @param attentions per layer, {@code [heads][tokens][tokens]} flattened for one image
   */
  static float[] pool(float[][] hidden, float[][] attentions, int tokens, int hiddenSize, int heads) {
    double[] weights = new double[tokens];
    for (float[] attention : attentions) {
      for (int h = 0; h < heads; h++) {
        for (int q = 0; q < tokens; q++) {
          int row = (h * tokens + q) * tokens;
          for (int k = 0; k < tokens; k++) {
            weights[k] += attention[row + k];
          }
        }
      }
    }
    weights[0] = 0.0; // the CLS token
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] out = new double[hiddenSize];
    for (int t = 1; t < tokens; t++) {
      double w = weights[t] / total;
      for (float[] layer : hidden) {
        int base = t * hiddenSize;
        for (int d = 0; d < hiddenSize; d++) {
          out[d] += w * layer[base + d];
        }
      }
    }
    float[] result = new float[hiddenSize];
    for (int d = 0; d < hiddenSize; d++) {
      result[d] = (float) out[d];
    }
    return result;
  }
}
