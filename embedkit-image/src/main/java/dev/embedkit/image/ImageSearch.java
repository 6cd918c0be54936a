package dev.embedkit.image;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import dev.embedkit.image.model.ClipModel;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Neighbor;
import dev.embedkit.vector.Similarity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

  /** The {@code k} images closest to a text query, best first (all of them when there are fewer; k must be positive). */
  public static List<Hit> rankByText(ImageEmbeddingModel model, String query, List<ImageInput> images, int k) {
    requireText(model);
    requirePositive(k);
    float[] q = model.embed(List.of(query), EmbedOptions.DEFAULTS).vectors().get(0);
    return rank(q, images, model.embedImages(images).vectors(), k);
  }

  /** The {@code k} images closest to {@code query} among {@code images}, best first (the query itself included if listed). */
  public static List<Hit> similarImages(ImageEmbeddingModel model, ImageInput query, List<ImageInput> images, int k) {
    requirePositive(k);
    float[] q = model.embedImages(List.of(query)).vectors().get(0);
    return rank(q, images, model.embedImages(images).vectors(), k);
  }

  private static List<Hit> rank(float[] query, List<ImageInput> images, List<float[]> vectors, int k) {
    List<Hit> hits = new ArrayList<>();
    for (Neighbor n : Similarity.topK(query, vectors, Math.min(k, Math.max(1, vectors.size())), Metric.COSINE)) {
      hits.add(new Hit(n.index(), images.get(n.index()), n.value()));
    }
    return hits;
  }

  /** One image's zero-shot result: the labels in the order given. */
  public record Classification(int index, ImageInput image, List<Label> labels) {
    /** The labels most probable first; equal probabilities keep the order given. */
    public List<Label> ranked() {
      List<Label> out = new ArrayList<>(labels);
      out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
      return out;
    }
  }

  /**
   * The zero-shot results of several images.
   *
   * @param images one per image that could be read, in input order ({@link Classification#index()} is its position)
   * @param skipped the images left out under {@link OnBadImage#SKIP}, in input order
   */
  public record Classifications(List<Classification> images, List<ImageBatch.Skipped> skipped) {
    public Classifications {
      images = List.copyOf(images);
      skipped = List.copyOf(skipped);
    }
  }

  /** Images per embedding call in {@link #classify(ImageEmbeddingModel, List, List, OnBadImage)}: bounds the decoded pixels held at once. */
  static final int CLASSIFY_CHUNK = 64;

  /**
   * CLIP zero-shot classification: softmax over labels of {@code logitScale * cosine(image, label)}, in the order the
   * labels were given.
   */
  public static List<Label> classify(ImageEmbeddingModel model, ImageInput image, List<String> labels) {
    return classify(model, List.of(image), labels, OnBadImage.FAIL).images().get(0).labels();
  }

  /**
   * Zero-shot classification of several images against one set of labels, embedded once. Images are embedded
   * {@link #CLASSIFY_CHUNK} at a time, so a large folder does not hold every decoded image at once; a bad image
   * fails the call ({@link OnBadImage#FAIL}) or is left out and listed ({@link OnBadImage#SKIP}). Labels must be
   * non-blank and distinct: a label given twice would split its probability between the copies.
   *
   * <pre>{@code
   * ImageSearch.Classifications result = ImageSearch.classify(clip, ImageInput.expand(List.of("photos/"), true),
   *     List.of("a photo of a cat", "a photo of a dog"), OnBadImage.SKIP);
   * }</pre>
   */
  public static Classifications classify(ImageEmbeddingModel model, List<ImageInput> images, List<String> labels, OnBadImage onBad) {
    requireText(model);
    checkLabels(labels);
    double scale = model instanceof ClipModel clip ? clip.logitScale() : ClipModel.DEFAULT_LOGIT_SCALE;
    List<float[]> texts = model.embed(labels, EmbedOptions.DEFAULTS).vectors();
    List<Classification> out = new ArrayList<>();
    List<ImageBatch.Skipped> skipped = new ArrayList<>();
    for (int start = 0; start < images.size(); start += CLASSIFY_CHUNK) {
      List<ImageInput> chunk = images.subList(start, Math.min(images.size(), start + CLASSIFY_CHUNK));
      ImageBatch batch = model.embedImages(chunk, EmbedOptions.DEFAULTS, onBad);
      List<float[]> vectors = batch.result().vectors();
      for (int k = 0; k < vectors.size(); k++) {
        int index = start + batch.embedded().get(k);
        out.add(new Classification(index, images.get(index), zeroShot(vectors.get(k), texts, labels, scale)));
      }
      for (ImageBatch.Skipped s : batch.skipped()) {
        skipped.add(new ImageBatch.Skipped(start + s.index(), s.input(), s.kind(), s.reason()));
      }
    }
    return new Classifications(out, skipped);
  }

  private static void checkLabels(List<String> labels) {
    if (labels.isEmpty()) {
      throw EmbedkitException.invalidInput("classification needs at least one label");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (label == null || label.isBlank()) {
        throw EmbedkitException.invalidInput("label " + i + " is " + (label == null ? "null" : "blank") + "; labels must be non-blank texts");
      }
      if (!seen.add(label)) {
        throw EmbedkitException.invalidInput("label '" + label + "' is given twice; labels must be distinct (a copy would split its probability)");
      }
    }
  }

  private static List<Label> zeroShot(float[] image, List<float[]> texts, List<String> labels, double scale) {
    double[] logits = new double[labels.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = scale * Metric.COSINE.compute(image, texts.get(i));
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

  private static void requirePositive(int k) {
    if (k <= 0) {
      throw EmbedkitException.invalidInput("the number of images to return must be positive; k=" + k);
    }
  }

  private static void requireText(ImageEmbeddingModel model) {
    if (!model.embedsText()) {
      throw EmbedkitException.unsupported("model " + model.info().name() + " embeds images only; text queries and labels need a CLIP model");
    }
  }
}
