package dev.embedkit.pipeline;

import ai.onnxruntime.OrtException;
import dev.embedkit.EmbedkitException;
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
import java.util.logging.Logger;

/**
 * Builds the int8 graph of {@link dev.embedkit.model.Quantize#INT8} for a text model: reads the fp32 graph, measures
 * its activations on the built-in {@link CalibrationCorpus} (so every machine gets the same scales), and rewrites it
 * with {@link SmoothInt8Rewrite}. The result is kept under {@code EMBEDKIT_HOME/int8/}, keyed by the SHA-256 of
 * everything it depends on (the graph's bytes, the corpus, the tokenisation settings and the rewrite's version), so
 * later loads skip the few seconds the build takes; it is written to a temporary file and renamed into place, so
 * concurrent loads never see half a file.
 */
final class Int8Graph {
  /** Bump when the rewrite's output changes, so old cached graphs are not reused. */
  static final int REWRITE_VERSION = 1;
  private static final Logger LOG = Logger.getLogger(Int8Graph.class.getName());

  private Int8Graph() {}

  /** The int8 graph's file, built now unless an identical build is cached. */
  static Path cached(ModelConfig config, TextTokenizer tokenizer) {
    String key = key(config);
    Path file = EmbedkitHome.path().resolve("int8").resolve(key).resolve("model.onnx");
    if (Files.isRegularFile(file)) {
      return file;
    }
    byte[] graph = build(config, tokenizer);
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "model", ".onnx.tmp");
      try {
        Files.write(temp, graph);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      Files.writeString(file.resolveSibling("source.txt"), "int8 rewrite v" + REWRITE_VERSION + " of " + config.onnxFile()
          + " (" + config.name() + ")\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw EmbedkitException.model(config.name() + ": cannot store the int8 graph under " + file.getParent() + ": "
          + e.getMessage(), e);
    }
    return file;
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
      LOG.info(() -> String.format(Locale.ROOT, "%s: int8 graph built in %.1f s (%d dense layers)", config.name(),
          (System.nanoTime() - start) / 1e9, rewrite.layerCount()));
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
      try (InputStream in = Files.newInputStream(config.onnxFile())) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      String settings = "v" + REWRITE_VERSION + "|alpha=" + SmoothInt8Rewrite.DEFAULT_ALPHA + "|maxSeq="
          + config.maxSeqLength() + "|tokenizer=" + Files.size(config.tokenizerFile()) + "|"
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
