package dev.embedkit.bench.jmh;

import dev.embedkit.simd.PanamaVectorOps;
import dev.embedkit.vector.ScalarVectorOps;
import dev.embedkit.vector.VectorOps;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vector kernels behind {@code VectorMath}: plain Java against the Vector API, on embedding-sized vectors.
 * Run with {@code bin/bench jmh VectorKernels} (JMH options such as {@code -p dims=384} or {@code -f 1 -wi 2 -i 3}
 * follow).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorKernelsBenchmark {
  @Param({"384", "1024"})
  int dims;

  @Param({"scalar", "panama"})
  String impl;

  private VectorOps ops;
  private float[] a;
  private float[] b;

  @Setup
  public void setUp() {
    ops = impl.equals("scalar") ? ScalarVectorOps.INSTANCE : new PanamaVectorOps();
    Random random = new Random(7);
    a = new float[dims];
    b = new float[dims];
    for (int i = 0; i < dims; i++) {
      a[i] = (float) random.nextGaussian();
      b[i] = (float) random.nextGaussian();
    }
  }

  @Benchmark
  public float dot() {
    return ops.dot(a, b);
  }

  @Benchmark
  public float cosine() {
    return ops.cosine(a, b);
  }
}
