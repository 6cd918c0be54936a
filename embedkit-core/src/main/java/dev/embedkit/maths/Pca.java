package dev.embedkit.maths;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A principal component projection, as imgbeddings' {@code pca_fit} / {@code pca_transform} (scikit-learn PCA without
 * whitening): {@code y = components * (x - mean)}. Fitted here by block power iteration on the covariance, with each
 * component's sign chosen so its largest-magnitude entry is positive (scikit-learn's svd_flip on components). Saved
 * as a small JSON file {@code {"mean": [...], "components": [[...], ...]}}; imgbeddings' pca.npz holds the same two
 * arrays.
 *
 * @param mean the fitted mean, one value per input dimension
 * @param components {@code outputDimensions} unit rows of {@code inputDimensions} values, largest variance first
 */
public record Pca(float[] mean, float[][] components) {
  private static final int MAX_ITERATIONS = 300;
  private static final double TOLERANCE = 1e-10;
  /** Up to this many dimensions the covariance matrix (8 d^2 bytes: 32 MB at 2,048) is formed explicitly. */
  private static final int COVARIANCE_LIMIT = 2048;

  public Pca {
    if (components.length == 0) {
      throw new IllegalArgumentException("a PCA needs at least one component");
    }
    for (float[] row : components) {
      if (row.length != mean.length) {
        throw new IllegalArgumentException("each component needs " + mean.length + " values; got " + row.length);
      }
    }
  }

  public int inputDimensions() {
    return mean.length;
  }

  public int outputDimensions() {
    return components.length;
  }

  public float[] transform(float[] x) {
    if (x.length != mean.length) {
      throw EmbedkitException.invalidInput("PCA takes " + mean.length + " dimensions; got " + x.length);
    }
    float[] out = new float[components.length];
    for (int k = 0; k < components.length; k++) {
      double s = 0;
      for (int d = 0; d < x.length; d++) {
        s += (double) components[k][d] * (x[d] - mean[d]);
      }
      out[k] = (float) s;
    }
    return out;
  }

  /** Fits {@code k} components on these vectors (at least k + 1 of them). */
  public static Pca fit(List<float[]> vectors, int k) {
    int n = vectors.size();
    if (k < 1 || n < k + 1) {
      throw EmbedkitException.invalidInput("fitting " + k + " PCA components needs at least " + (k + 1) + " vectors; got " + n);
    }
    int dims = vectors.get(0).length;
    if (k > dims) {
      throw EmbedkitException.invalidInput("cannot fit " + k + " components to " + dims + "-dimensional vectors");
    }
    double[] mean = new double[dims];
    for (float[] v : vectors) {
      for (int d = 0; d < dims; d++) {
        mean[d] += v[d];
      }
    }
    for (int d = 0; d < dims; d++) {
      mean[d] /= n;
    }
    UnaryOperator<double[]> covarianceTimes = dims <= COVARIANCE_LIMIT
        ? covarianceMatrixTimes(vectors, mean)
        : centredRowsTimes(vectors, mean);
    double[][] basis = new double[k][dims];
    Random random = new Random(42);
    for (double[] row : basis) {
      for (int d = 0; d < dims; d++) {
        row[d] = random.nextGaussian();
      }
    }
    orthonormalise(basis);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] next = new double[k][];
      for (int c = 0; c < k; c++) {
        next[c] = covarianceTimes.apply(basis[c]);
      }
      orthonormalise(next);
      double change = 0;
      for (int c = 0; c < k; c++) {
        change = Math.max(change, 1 - Math.abs(dot(next[c], basis[c])));
      }
      basis = next;
      if (change < TOLERANCE) {
        break;
      }
    }
    // Rayleigh-Ritz: rotate the subspace so components are the covariance's eigenvectors, largest first
    double[][] small = new double[k][k];
    double[][] cb = new double[k][];
    for (int c = 0; c < k; c++) {
      cb[c] = covarianceTimes.apply(basis[c]);
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        small[a][b] = dot(basis[a], cb[b]);
      }
    }
    double[][] eigenvectors = Jacobi.eigenvectorsDescending(small);
    float[][] components = new float[k][dims];
    for (int c = 0; c < k; c++) {
      double[] v = new double[dims];
      for (int j = 0; j < k; j++) {
        for (int d = 0; d < dims; d++) {
          v[d] += eigenvectors[c][j] * basis[j][d];
        }
      }
      int largest = 0;
      for (int d = 1; d < dims; d++) {
        if (Math.abs(v[d]) > Math.abs(v[largest])) {
          largest = d;
        }
      }
      double sign = v[largest] < 0 ? -1 : 1;
      for (int d = 0; d < dims; d++) {
        components[c][d] = (float) (sign * v[d]);
      }
    }
    float[] meanF = new float[dims];
    for (int d = 0; d < dims; d++) {
      meanF[d] = (float) mean[d];
    }
    return new Pca(meanF, components);
  }

  /**
   * The covariance formed once (n d^2 / 2 operations), so each of the up to {@value #MAX_ITERATIONS} power iterations
   * costs d^2 instead of a pass over all n vectors; at 100,000 x 384 that is seconds instead of minutes.
   */
  private static UnaryOperator<double[]> covarianceMatrixTimes(List<float[]> vectors, double[] mean) {
    int dims = mean.length;
    double[][] covariance = new double[dims][dims];
    double[] row = new double[dims];
    for (float[] v : vectors) {
      for (int d = 0; d < dims; d++) {
        row[d] = v[d] - mean[d];
      }
      // upper triangle only; the inner loop is a plain axpy the JIT vectorises
      for (int a = 0; a < dims; a++) {
        double xa = row[a];
        double[] target = covariance[a];
        for (int b = a; b < dims; b++) {
          target[b] += xa * row[b];
        }
      }
    }
    double scale = 1.0 / (vectors.size() - 1);
    for (int a = 0; a < dims; a++) {
      for (int b = a; b < dims; b++) {
        covariance[a][b] *= scale;
        covariance[b][a] = covariance[a][b];
      }
    }
    return v -> {
      double[] out = new double[dims];
      for (int a = 0; a < dims; a++) {
        out[a] = dot(covariance[a], v);
      }
      return out;
    };
  }

  /** For very wide vectors, where a d x d covariance would not fit: one pass over the centred rows per product. */
  private static UnaryOperator<double[]> centredRowsTimes(List<float[]> vectors, double[] mean) {
    int n = vectors.size();
    int dims = mean.length;
    double[][] x = new double[n][dims];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dims; d++) {
        x[i][d] = vectors.get(i)[d] - mean[d];
      }
    }
    return v -> {
      double[] out = new double[dims];
      for (double[] r : x) {
        double s = dot(r, v);
        for (int d = 0; d < dims; d++) {
          out[d] += s * r[d];
        }
      }
      for (int d = 0; d < dims; d++) {
        out[d] /= (n - 1);
      }
      return out;
    };
  }

  private static void orthonormalise(double[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < i; j++) {
        double p = dot(rows[i], rows[j]);
        for (int d = 0; d < rows[i].length; d++) {
          rows[i][d] -= p * rows[j][d];
        }
      }
      double norm = Math.sqrt(dot(rows[i], rows[i]));
      for (int d = 0; d < rows[i].length; d++) {
        rows[i][d] = norm > 0 ? rows[i][d] / norm : 0;
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public void save(Path file) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode m = root.putArray("mean");
    for (float v : mean) {
      m.add(v);
    }
    ArrayNode c = root.putArray("components");
    for (float[] row : components) {
      ArrayNode r = c.addArray();
      for (float v : row) {
        r.add(v);
      }
    }
    try {
      Files.writeString(file, mapper.writeValueAsString(root));
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write PCA to " + file + ": " + e.getMessage(), e);
    }
  }

  public static Pca load(Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      JsonNode m = root.get("mean");
      JsonNode c = root.get("components");
      if (m == null || c == null || !m.isArray() || !c.isArray()) {
        throw EmbedkitException.model(file + " is not a PCA file; expected {\"mean\": [...], \"components\": [[...], ...]}", null);
      }
      float[] mean = new float[m.size()];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = (float) m.get(i).asDouble();
      }
      float[][] components = new float[c.size()][];
      for (int k = 0; k < components.length; k++) {
        components[k] = new float[c.get(k).size()];
        for (int i = 0; i < components[k].length; i++) {
          components[k][i] = (float) c.get(k).get(i).asDouble();
        }
      }
      return new Pca(mean, components);
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read PCA file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.model(file + ": " + e.getMessage(), e);
    }
  }
}
