package dev.embedkit.model;

import dev.embedkit.Named;
import java.util.Arrays;
import java.util.Map;

/**
 * How token vectors become one sentence vector, with sentence-transformers' definitions (models/Pooling.py). Each
 * constant names the key that selects it in a model's {@code 1_Pooling/config.json}.
 */
public enum Pooling {
  /** The first token's vector ([CLS]), whatever the mask says. */
  CLS("pooling_mode_cls_token") {
    @Override
    public float[] pool(TokenStates states, int row) {
      int offset = states.offset(row, 0);
      return Arrays.copyOfRange(states.data(), offset, offset + states.hidden());
    }
  },
  /** Mean of the unmasked token vectors. */
  MEAN("pooling_mode_mean_tokens") {
    @Override
    public float[] pool(TokenStates states, int row) {
      return weightedSum(states, row, false, false);
    }
  },
  /** Element-wise maximum over the unmasked tokens. */
  MAX("pooling_mode_max_tokens") {
    @Override
    public float[] pool(TokenStates states, int row) {
      float[] out = new float[states.hidden()];
      Arrays.fill(out, -1e9f); // sentence-transformers fills masked positions with -1e9
      long[] mask = states.mask()[row];
      for (int t = 0; t < states.seqLen(); t++) {
        if (mask[t] == 0) {
          continue;
        }
        int offset = states.offset(row, t);
        for (int i = 0; i < out.length; i++) {
          out[i] = Math.max(out[i], states.data()[offset + i]);
        }
      }
      return out;
    }
  },
  /** Sum of the unmasked token vectors divided by the square root of their count. */
  MEAN_SQRT_LEN("pooling_mode_mean_sqrt_len_tokens") {
    @Override
    public float[] pool(TokenStates states, int row) {
      return weightedSum(states, row, false, true);
    }
  },
  /** Mean weighted by position (1, 2, 3, ...), as in SGPT. */
  WEIGHTED_MEAN("pooling_mode_weightedmean_tokens") {
    @Override
    public float[] pool(TokenStates states, int row) {
      return weightedSum(states, row, true, false);
    }
  },
  /** The last unmasked token's vector (decoder models). */
  LAST_TOKEN("pooling_mode_lasttoken") {
    @Override
    public float[] pool(TokenStates states, int row) {
      long[] mask = states.mask()[row];
      int last = 0;
      for (int t = 0; t < states.seqLen(); t++) {
        if (mask[t] != 0) {
          last = t;
        }
      }
      int offset = states.offset(row, last);
      return Arrays.copyOfRange(states.data(), offset, offset + states.hidden());
    }
  };

  private final String configKey;

  Pooling(String configKey) {
    this.configKey = configKey;
  }

  /** The sentence vector of one row of a batch. */
  public abstract float[] pool(TokenStates states, int row);

  /** The boolean key in {@code 1_Pooling/config.json} that selects this mode. */
  public String configKey() {
    return configKey;
  }

  /** The single mode a pooling config selects; several, or none, fail with the valid keys. */
  public static Pooling fromConfig(Map<String, Object> config) {
    Pooling chosen = null;
    for (Pooling mode : values()) {
      if (Boolean.TRUE.equals(config.get(mode.configKey))) {
        if (chosen != null) {
          throw new IllegalArgumentException(
              "pooling config selects both " + Named.of(chosen) + " and " + Named.of(mode) + "; embedkit supports one pooling mode per model");
        }
        chosen = mode;
      }
    }
    if (chosen == null && config.get("pooling_mode") instanceof String name) {
      chosen = fromString(name);
    }
    if (chosen == null) {
      throw new IllegalArgumentException("pooling config selects no mode; valid modes are: " + Named.valid(Pooling.class));
    }
    return chosen;
  }

  /** Parses mean, cls, max, mean_sqrt_len, weighted_mean, last_token (also sentence-transformers' lasttoken, weightedmean). */
  public static Pooling fromString(String value) {
    if (value != null) {
      String compact = value.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
      for (Pooling mode : values()) {
        if (mode.name().replace("_", "").equalsIgnoreCase(compact)) {
          return mode;
        }
      }
    }
    return Named.parse(Pooling.class, "pooling mode", value);
  }

  private static float[] weightedSum(TokenStates states, int row, boolean byPosition, boolean sqrtLength) {
    float[] sum = new float[states.hidden()];
    long[] mask = states.mask()[row];
    float weightTotal = 0f;
    for (int t = 0; t < states.seqLen(); t++) {
      if (mask[t] == 0) {
        continue;
      }
      float weight = byPosition ? t + 1 : 1f;
      weightTotal += weight;
      int offset = states.offset(row, t);
      float[] data = states.data();
      for (int i = 0; i < sum.length; i++) {
        sum[i] = Math.fma(data[offset + i], weight, sum[i]);
      }
    }
    float divisor = Math.max(weightTotal, 1e-9f);
    if (sqrtLength) {
      divisor = (float) Math.sqrt(divisor);
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= divisor;
    }
    return sum;
  }
}
