package dev.embedkit.eval.embed;

import dev.embedkit.progress.ProgressBar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import dev.embedkit.quant.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived variants agree with what core's own embed call returns for that precision and size. */
class ModelRunTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "It's so sunny outside!",
      "He drove to the stadium.", "A man is playing a guitar.", "Stocks fell sharply on Monday.");
  static EmbeddingModel model;

  @BeforeAll
  static void load() {
    model = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void derivedInt8AndBinaryMatchCoresOwnOutput(@TempDir Path dir) {
    ModelRun run = ModelRun.of("all-minilm-l6-v2", new Unclosed(model), new EmbeddingCache(dir), ProgressBar.SILENT);
    List<float[]> full = run.embed(TEXTS, "", "test");
    for (int dims : new int[] {384, 128}) {
      List<float[]> derived = run.variant(full, dims, Precision.INT8);
      EmbeddingResult core = model.embed(TEXTS, EmbedOptions.DEFAULTS.withPrecision(Precision.INT8).withDimensions(dims));
      int differing = 0;
      for (int i = 0; i < TEXTS.size(); i++) {
        double[] expected = core.embeddings().get(i).values();
        for (int d = 0; d < dims; d++) {
          double diff = Math.abs(expected[d] - derived.get(i)[d]);
          assertTrue(diff <= 1, "int8 value off by more than one step at text " + i + " dim " + d);
          differing += diff > 0 ? 1 : 0;
        }
      }
      // the calibration is the same; only float rounding at a truncation boundary may move a value one step
      assertTrue(differing <= TEXTS.size() * dims / 100, differing + " int8 values differ from core's");

      List<float[]> bits = run.variant(full, dims, Precision.BINARY);
      List<Embedding> coreBits = model.embed(TEXTS, EmbedOptions.DEFAULTS.withPrecision(Precision.BINARY).withDimensions(dims)).embeddings();
      for (int i = 0; i < TEXTS.size(); i++) {
        float[] expected = VariantVectors.asNumbers(coreBits.get(i).bytes(), Precision.BINARY, dims);
        assertArrayEquals(expected, bits.get(i));
      }
    }
  }

  @Test
  void aSecondRunReadsTheCacheWithoutInference(@TempDir Path dir) {
    Counting counting = new Counting(model);
    ModelRun first = ModelRun.of("all-minilm-l6-v2", counting, new EmbeddingCache(dir), ProgressBar.SILENT);
    List<float[]> a = first.embed(TEXTS, "query: ", "test");
    int calls = counting.calls.get();
    assertTrue(calls > 0);
    List<float[]> b = ModelRun.of("all-minilm-l6-v2", counting, new EmbeddingCache(dir), ProgressBar.SILENT).embed(TEXTS, "query: ", "test");
    assertEquals(calls, counting.calls.get(), "the second run must not call the model");
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    ModelRun.of("all-minilm-l6-v2", counting, new EmbeddingCache(dir), ProgressBar.SILENT).embed(TEXTS, "", "test");
    assertTrue(counting.calls.get() > calls, "another prompt is another cache entry");
  }

  @Test
  void dimensionsBeyondTheModelsAreRejected(@TempDir Path dir) {
    ModelRun run = ModelRun.of("all-minilm-l6-v2", new Unclosed(model), new EmbeddingCache(dir), ProgressBar.SILENT);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> run.dimensions(1024));
    assertTrue(e.getMessage().contains("between 1 and 384"), e.getMessage());
    assertEquals(384, run.dimensions(null));
  }

  /** The shared model, left open when a run closes. */
  static class Unclosed implements EmbeddingModel {
    final EmbeddingModel delegate;

    Unclosed(EmbeddingModel delegate) {
      this.delegate = delegate;
    }

    @Override
    public ModelInfo info() {
      return delegate.info();
    }

    @Override
    public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
      return delegate.embed(texts, options);
    }

    @Override
    public int[] countTokens(List<String> texts, EmbedOptions options) {
      return delegate.countTokens(texts, options);
    }

    @Override
    public void close() {}
  }

  /** Counts embed calls on the real model. */
  static final class Counting extends Unclosed {
    final AtomicInteger calls = new AtomicInteger();

    Counting(EmbeddingModel delegate) {
      super(delegate);
    }

    @Override
    public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
      calls.incrementAndGet();
      return super.embed(texts, options);
    }
  }
}
