package dev.embedkit.image;

import dev.embedkit.EmbeddingResult;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The embeddings of a list of images, some of which may have been skipped ({@link OnBadImage#SKIP}). Embedded inputs
 * keep their input order, and each vector is exactly what embedding the good inputs alone would give: a skipped
 * image is dropped before batching, so it cannot change another input's vector.
 *
 * <pre>{@code
 * ImageBatch batch = model.embedImages(ImageInput.expand(List.of("photos/"), true), EmbedOptions.DEFAULTS, OnBadImage.SKIP);
 * for (int k = 0; k < batch.embedded().size(); k++) {
 *   System.out.println(batch.embeddedInputs().get(k).label() + " " + batch.result().embeddings().get(k));
 * }
 * batch.skipped().forEach(s -> System.err.println("skipped: " + s.reason()));
 * }</pre>
 *
 * @param inputs every input of the call, in the order given
 * @param result one embedding per embedded input, in input order
 * @param embedded for each embedding in {@code result}, its position in {@code inputs} (increasing)
 * @param skipped the inputs left out, in input order (empty under {@link OnBadImage#FAIL})
 */
public record ImageBatch(List<ImageInput> inputs, EmbeddingResult result, List<Integer> embedded, List<Skipped> skipped) {
  /**
   * One input that was left out.
   *
   * @param index its position in the call's inputs
   * @param input the input itself
   * @param kind what kind of problem it was (INVALID_INPUT, NOT_FOUND or UNSUPPORTED)
   * @param reason one line that names the input and says what was wrong with it
   */
  public record Skipped(int index, ImageInput input, ErrorKind kind, String reason) {
    public Skipped {
      if (reason == null || reason.isBlank() || reason.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("reason must be one non-blank line; reason=" + reason);
      }
    }

    /** The input's label: its path, URL or a description of its bytes. */
    public String label() {
      return input.label();
    }
  }

  public ImageBatch {
    inputs = List.copyOf(inputs);
    embedded = List.copyOf(embedded);
    skipped = List.copyOf(skipped);
    if (embedded.size() != result.embeddings().size()) {
      throw new IllegalArgumentException("embedded lists " + embedded.size() + " positions for " + result.embeddings().size()
          + " embeddings");
    }
    if (embedded.size() + skipped.size() != inputs.size()) {
      throw new IllegalArgumentException(embedded.size() + " embedded and " + skipped.size() + " skipped do not add up to "
          + inputs.size() + " inputs");
    }
  }

  /** The embedded inputs, in order: {@code embeddedInputs().get(k)} gave {@code result().embeddings().get(k)}. */
  public List<ImageInput> embeddedInputs() {
    List<ImageInput> out = new ArrayList<>(embedded.size());
    for (int index : embedded) {
      out.add(inputs.get(index));
    }
    return out;
  }
}
