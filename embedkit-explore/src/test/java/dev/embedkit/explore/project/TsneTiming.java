package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.explore.knn.NearestNeighbours;
import dev.embedkit.vector.VectorMath;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times t-SNE by stage on seeded synthetic clustered unit vectors, and reports the peak heap. Not a test: run by hand,
 * from the module folder after {@code mvn -o test-compile}:
 *
 * <pre>
 * java -Xmx8g -cp target/test-classes:target/classes:$(cat cp.txt) dev.embedkit.explore.project.TsneTiming 10000 100000
 * </pre>
 *
 * Arguments: point counts (default 10000); system properties {@code dims} (384), {@code clusters} (50),
 * {@code iterations} (1000), {@code knnCache} (a folder: the exact kNN of 100,000 points takes over ten minutes on two
 * cores, so a graph once built is saved there and read back on later runs, which then time only t-SNE proper).
 */
public final class TsneTiming {
  private TsneTiming() {}

  public static void main(String[] args) {
    int dims = Integer.getInteger("dims", 384);
    int clusters = Integer.getInteger("clusters", 50);
    int iterations = Integer.getInteger("iterations", 1000);
    System.out.printf("%d cores, max heap %d MiB, vector maths %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, VectorMath.implementation());
    for (String arg : args.length == 0 ? new String[] {"10000"} : args) {
      int n = Integer.parseInt(arg);
      float[][] x = clustered(n, dims, clusters, 42);
      System.gc();
      resetPeaks();
      TsneOptions options = new TsneOptions(30, iterations, 0.5, 42);
      long cpu0 = cpuNanos();
      long t0 = System.nanoTime();
      KnnGraph graph = neighbours(x, Tsne.neighbourCount(n, options.perplexity()), options.seed());
      long t1 = System.nanoTime();
      Affinities p = Affinities.fromNeighbours(graph, options.perplexity());
      long t2 = System.nanoTime();
      double[] y = Tsne.pcaStart(x, options.seed());
      long t3 = System.nanoTime();
      long cpu3 = cpuNanos();
      TsneResult result = Tsne.optimise(p, y, options);
      long t4 = System.nanoTime();
      long cpu4 = cpuNanos();
      System.out.printf("n=%d x %d: kNN %.1f s | affinities %.1f s | PCA start %.1f s | %d steps %.1f s (%.1f ms/step, CPU %.1f s)"
              + " | t-SNE without kNN %.1f s | total %.1f s (CPU %.1f s) | KL %.3f | peak heap %d MiB%n",
          n, dims, sec(t1 - t0), sec(t2 - t1), sec(t3 - t2), result.iterations(), sec(t4 - t3),
          (t4 - t3) / 1e6 / result.iterations(), sec(cpu4 - cpu3), sec(t4 - t1), sec(t4 - t0), sec(cpu4 - cpu0), result.finalKlDivergence(),
          peakHeap() >> 20);
    }
  }

  private static KnnGraph neighbours(float[][] x, int k, long seed) {
    String folder = System.getProperty("knnCache");
    Path file = folder == null ? null : Path.of(folder, "knn-" + x.length + "x" + x[0].length + "-k" + k + ".bin");
    if (file != null && Files.exists(file)) {
      System.out.println("kNN read from " + file + " (its build time is that of the run that wrote it)");
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        int[][] indices = new int[x.length][k];
        float[][] distances = new float[x.length][k];
        for (int i = 0; i < x.length; i++) {
          for (int m = 0; m < k; m++) {
            indices[i][m] = in.readInt();
            distances[i][m] = in.readFloat();
          }
        }
        return new KnnGraph(indices, distances);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    KnnGraph graph = NearestNeighbours.build(x, k, seed);
    if (file != null) {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
        for (int i = 0; i < x.length; i++) {
          for (int m = 0; m < k; m++) {
            out.writeInt(graph.indices()[i][m]);
            out.writeFloat(graph.distances()[i][m]);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return graph;
  }

  /** Unit vectors around {@code clusters} random unit centres, noise comparable to the spread between centres. */
  static float[][] clustered(int n, int dims, int clusters, long seed) {
    Random random = new Random(seed);
    float[][] centres = new float[clusters][dims];
    for (float[] c : centres) {
      for (int d = 0; d < dims; d++) {
        c[d] = (float) random.nextGaussian();
      }
      VectorMath.normalizeInPlace(c);
    }
    float[][] x = new float[n][dims];
    for (float[] row : x) {
      float[] c = centres[random.nextInt(clusters)];
      for (int d = 0; d < dims; d++) {
        row[d] = (float) (c[d] + 0.8 * random.nextGaussian() / Math.sqrt(dims));
      }
      VectorMath.normalizeInPlace(row);
    }
    return x;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks: an upper bound on the heap in use at any one moment. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** This process's CPU time: the machine is shared, so wall time alone says little. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double sec(long nanos) {
    return nanos / 1e9;
  }
}
