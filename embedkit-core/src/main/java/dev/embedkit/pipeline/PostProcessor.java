package dev.embedkit.pipeline;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import dev.embedkit.text.Tokens;
import dev.embedkit.vector.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What happens to pooled vectors whatever the modality: L2 normalisation, Matryoshka truncation (keep the first N
 * dimensions, then renormalise), and output precision. int8/uint8 without caller-supplied ranges use ranges from the
 * model's own embeddings of a fixed calibration corpus ({@link CalibrationCorpus}), never from the call's other
 * inputs, so an input's quantised vector does not depend on its batch.
 */
public final class PostProcessor {
  private final String modelName;
  private final Function<List<String>, List<float[]>> embedder;
  private volatile List<float[]> calibration;
  private final Map<Integer, QuantizationRanges> rangesByDimensions = new ConcurrentHashMap<>();

  /**
   * @param embedder embeds calibration sentences with the model (pooled, before normalisation)
   */
  public PostProcessor(String modelName, Function<List<String>, List<float[]>> embedder) {
    this.modelName = modelName;
    this.embedder = embedder;
  }

  /** The output dimensions for a request; fails with the valid range. */
  public int checkDimensions(Integer requested, int modelDimensions) {
    if (requested == null) {
      return modelDimensions;
    }
    if (requested < 1 || requested > modelDimensions) {
      throw EmbedkitException.invalidInput("dimensions must be between 1 and " + modelDimensions + " for model "
          + modelName + "; dimensions=" + requested);
    }
    return requested;
  }

  /** Normalises, truncates and quantises pooled vectors into the call's result. */
  public EmbeddingResult finish(List<float[]> pooled, Tokens[] tokens, int modelDims, int outDims, boolean normalize,
      EmbedOptions options) {
    return finishChecked(pooled, tokens, outDims, options.normalizeOr(normalize), options);
  }

  private EmbeddingResult finishChecked(List<float[]> pooled, Tokens[] tokens, int outDims, boolean normalize,
      EmbedOptions options) {
    Precision precision = options.precision();
    QuantizationRanges ranges = null;
    if (options.ranges() != null && !precision.needsRanges()) {
      throw EmbedkitException.invalidInput("calibration ranges set the int8 and uint8 scales and have no effect with "
          + Named.of(precision) + " output; drop them or choose int8 or uint8");
    }
    if (precision.needsRanges()) {
      ranges = options.ranges() != null ? options.ranges() : defaultRanges(outDims, normalize);
      if (ranges.dimensions() != outDims) {
        throw EmbedkitException.invalidInput("calibration ranges have " + ranges.dimensions()
            + " dimensions but the output has " + outDims);
      }
      int empty = ranges.emptyDimensions();
      if (empty > 0) {
        throw EmbedkitException.invalidInput("calibration ranges are empty (minimum = maximum) in " + empty + " of "
            + outDims + " dimensions, which would quantise every value there to one number; calibrate on at least "
            + QuantizationRanges.RECOMMENDED_MINIMUM_EMBEDDINGS + " varied texts");
      }
    }
    List<Embedding> embeddings = new ArrayList<>(pooled.size());
    for (int i = 0; i < pooled.size(); i++) {
      float[] vector = shape(pooled.get(i), outDims, normalize);
      int tokenCount = tokens == null ? 0 : tokens[i].length();
      boolean truncated = tokens != null && tokens[i].truncated();
      embeddings.add(precision == Precision.FLOAT32
          ? new Embedding(vector, null, precision, tokenCount, truncated)
          : new Embedding(null, precision.quantize(vector, ranges), precision, tokenCount, truncated));
    }
    return new EmbeddingResult(modelName, outDims, precision, embeddings);
  }

  /** Normalise (when the model does), keep the first {@code outDims} dimensions, renormalise. */
  public static float[] shape(float[] pooled, int outDims, boolean normalize) {
    float[] vector = pooled.length == outDims ? pooled.clone() : Arrays.copyOf(pooled, outDims);
    if (normalize) {
      VectorMath.normalizeInPlace(vector);
    }
    return vector;
  }

  private QuantizationRanges defaultRanges(int outDims, boolean normalize) {
    return rangesByDimensions.computeIfAbsent(outDims, dims -> {
      List<float[]> shaped = new ArrayList<>();
      for (float[] vector : calibrationVectors()) {
        shaped.add(shape(vector, dims, normalize));
      }
      return QuantizationRanges.of(shaped);
    });
  }

  private List<float[]> calibrationVectors() {
    List<float[]> vectors = calibration;
    if (vectors == null) {
      synchronized (this) {
        if (calibration == null) {
          calibration = embedder.apply(CalibrationCorpus.sentences());
        }
        vectors = calibration;
      }
    }
    return vectors;
  }
}
