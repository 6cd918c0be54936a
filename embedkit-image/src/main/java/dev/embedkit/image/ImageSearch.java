package dev.embedkit.image;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Neighbor;
import dev.embedkit.vector.Similarity;
import java.util.ArrayList;
import java.util.List;

/**
 * What one CLIP model does across images and texts: rank images by a text query, find the images most like one image
 * (exact top-k by cosine), and zero-shot classification.
 *
 * <pre>{@code
 * List<ImageSearch.Label> labels = ImageSearch.classify(clip, ImageInput.file(Path.of("chelsea.png")),
 *     List.of("a photo of a cat", "a photo of a dog"));
 * }</pre>
 */
public final class ImageSearch {
  private ImageSearch() {}

  /** One ranked image. */
  public record Hit(int index, ImageInput image, float score) {}

  /** One label's zero-shot result: probability after the softmax, and the logit (scale x cosine). */
  public record Label(String label, double probability, double logit) {}

  /** The {@code k} images closest to a text query, best first. */
  public static List<Hit> rankByText(ImageEmbeddingModel model, String query, List<ImageInput> images, int k) {
    requireText(model);
    float[] q = model.embed(List.of(query), EmbedOptions.DEFAULTS).vectors().get(0);
    return rank(q, images, model.embedImages(images).vectors(), k);
  }

  /** The {@code k} images closest to {@code query} among {@code images}, best first (the query itself included if listed). */
  public static List<Hit> similarImages(ImageEmbeddingModel model, ImageInput query, List<ImageInput> images, int k) {
    float[] q = model.embedImages(List.of(query)).vectors().get(0);
    return rank(q, images, model.embedImages(images).vectors(), k);
  }

  private static List<Hit> rank(float[] query, List<ImageInput> images, List<float[]> vectors, int k) {
    List<Hit> hits = new ArrayList<>();
    for (Neighbor n : Similarity.topK(query, vectors, Math.max(1, Math.min(k, vectors.size())), Metric.COSINE)) {
      hits.add(new Hit(n.index(), images.get(n.index()), n.value()));
    }
    return hits;
  }

  /**
   * CLIP zero-shot classification: softmax over labels of {@code logitScale * cosine(image, label)}, in the order the
   * labels were given.
   */
  public static List<Label> classify(ImageEmbeddingModel model, ImageInput image, List<String> labels) {
    requireText(model);
    if (labels.isEmpty()) {
      throw EmbedkitException.invalidInput("classification needs at least one label");
    }
    double scale = model instanceof ClipModel clip ? clip.logitScale() : ClipModel.DEFAULT_LOGIT_SCALE;
    float[] img = model.embedImages(List.of(image)).vectors().get(0);
    List<float[]> texts = model.embed(labels, EmbedOptions.DEFAULTS).vectors();
    double[] logits = new double[labels.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = scale * Metric.COSINE.compute(img, texts.get(i));
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    double[] exp = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      exp[i] = Math.exp(logits[i] - max);
      sum += exp[i];
    }
    List<Label> out = new ArrayList<>();
    for (int i = 0; i < logits.length; i++) {
      out.add(new Label(labels.get(i), exp[i] / sum, logits[i]));
    }
    return out;
  }

  private static void requireText(ImageEmbeddingModel model) {
    if (!model.embedsText()) {
      throw EmbedkitException.unsupported("model " + model.info().name() + " embeds images only; text queries and labels need a CLIP model");
    }
  }
}
