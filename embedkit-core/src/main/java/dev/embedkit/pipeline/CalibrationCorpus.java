package dev.embedkit.pipeline;

import dev.embedkit.EmbedkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fixed sentences whose embeddings give a model's default int8/uint8 calibration ranges: varied in topic,
 * length and register, checked in as {@code calibration-sentences.txt} so the ranges are the same on every machine.
 */
public final class CalibrationCorpus {
  static final String RESOURCE = "/dev/embedkit/calibration-sentences.txt";

  private CalibrationCorpus() {}

  public static List<String> sentences() {
    try (InputStream in = CalibrationCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw EmbedkitException.internal("calibration corpus " + RESOURCE + " is missing from the build", null);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).collect(Collectors.toList());
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot read the calibration corpus: " + e.getMessage(), e);
    }
  }
}
