package dev.embedkit.pipeline;

import ai.onnxruntime.OrtException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.io.TempFiles;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.model.ModelConfig;
import dev.embedkit.onnx.int8.ActivationRanges;
import dev.embedkit.onnx.int8.Calibration;
import dev.embedkit.onnx.int8.SmoothInt8Rewrite;
import dev.embedkit.onnx.proto.MalformedOnnxException;
import dev.embedkit.onnx.proto.OnnxModel;
import dev.embedkit.text.TextTokenizer;
import dev.embedkit.text.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the int8 graph of {@link dev.embedkit.model.Quantize#INT8} for a text model: reads the fp32 graph, measures
 * its activations on the built-in {@link CalibrationCorpus} (so every machine gets the same scales), and rewrites it
 * with {@link SmoothInt8Rewrite}. The result is kept under {@code EMBEDKIT_HOME/int8/}, keyed by the SHA-256 of
 * everything it depends on (the graph's and tokenizer's bytes, the corpus, the max length, the rewrite's version), so
 * later loads skip the few seconds the build takes; it is written to a temporary file and renamed into place, so
 * concurrent loads never see half a file.
 */
final class Int8Graph {
  /** Bump when the rewrite's output changes, so old cached graphs are not reused. */
  static final int REWRITE_VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(Int8Graph.class);

  private Int8Graph() {}

  /** The int8 graph's file, built now unless an identical build is cached. */
  static Path cached(ModelConfig config, TextTokenizer tokenizer) {
    Path file = cacheFile(config);
    return Files.isRegularFile(file) ? file : store(config, file, build(config, tokenizer));
  }

  /** Builds the graph again over a cached file ONNX Runtime could not load (damaged on disk). */
  static Path rebuild(ModelConfig config, TextTokenizer tokenizer, Path damaged, String problem) {
    LOG.warn("{}: the cached int8 graph {} does not load ({}); building it again", config.name(), damaged, problem);
    return store(config, damaged, build(config, tokenizer));
  }

  static Path cacheFile(ModelConfig config) {
    return EmbedkitHome.int8().resolve(key(config)).resolve("model.onnx");
  }

  private static Path store(ModelConfig config, Path file, byte[] graph) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = TempFiles.register(Files.createTempFile(file.getParent(), "model", ".onnx.tmp"));
      try {
        Files.write(temp, graph);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        TempFiles.delete(temp);
      }
      Files.writeString(file.resolveSibling("source.txt"), "int8 rewrite v" + REWRITE_VERSION + " of "
          + config.onnxFile() + " (" + config.name() + ")\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      // A read-only or full cache must not stop the model from loading: keep this process's copy in a temp file.
      try {
        Path temp = Files.createTempFile("embedkit-int8-", ".onnx");
        temp.toFile().deleteOnExit();
        Files.write(temp, graph);
        LOG.warn("{}: {}; the int8 graph will be built again next time", config.name(),
            EmbedkitHome.unusable(file.getParent(), e).getMessage());
        return temp;
      } catch (IOException again) {
        throw EmbedkitException.model(config.name() + ": cannot write the int8 graph under " + file.getParent()
            + " or the temporary folder: " + again.getMessage(), again);
      }
    }
  }

  static byte[] build(ModelConfig config, TextTokenizer tokenizer) {
    long start = System.nanoTime();
    try {
      SmoothInt8Rewrite rewrite = new SmoothInt8Rewrite(OnnxModel.read(config.onnxFile()));
      List<long[]> ids = new ArrayList<>();
      List<long[]> types = new ArrayList<>();
      for (Tokens tokens : tokenizer.encodeAll(calibrationSentences(config))) {
        ids.add(tokens.ids());
        types.add(tokens.typeIds());
      }
      ActivationRanges ranges = Calibration.measure(rewrite.calibrationGraph(), rewrite.activations(), ids, types);
      byte[] graph = rewrite.apply(ranges, SmoothInt8Rewrite.DEFAULT_ALPHA, true);
      LOG.info("{}: int8 graph built in {} s ({} dense layers; first use only)", config.name(),
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), rewrite.layerCount());
      return graph;
    } catch (IllegalArgumentException | MalformedOnnxException e) {
      throw EmbedkitException.model(config.name() + ": cannot quantise " + config.onnxFile() + " to int8: "
          + e.getMessage(), e);
    } catch (IOException | OrtException e) {
      throw EmbedkitException.model(config.name() + ": cannot calibrate the int8 graph: " + e.getMessage(), e);
    }
  }

  private static List<String> calibrationSentences(ModelConfig config) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : CalibrationCorpus.sentences()) {
      sentences.add(config.doLowerCase() ? sentence.toLowerCase(Locale.ROOT) : sentence);
    }
    return sentences;
  }

  private static String key(ModelConfig config) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path input : List.of(config.onnxFile(), config.tokenizerFile())) {
        try (InputStream in = Files.newInputStream(input)) {
          byte[] buffer = new byte[1 << 16];
          for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
          }
        }
      }
      String settings = "v" + REWRITE_VERSION + "|alpha=" + SmoothInt8Rewrite.DEFAULT_ALPHA + "|maxSeq="
          + config.maxSeqLength() + "|"
          + String.join("\n", calibrationSentences(config));
      digest.update(settings.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    } catch (IOException e) {
      throw EmbedkitException.model(config.name() + ": cannot read " + config.onnxFile() + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw EmbedkitException.internal("SHA-256 is missing from this JVM", e);
    }
  }
}
