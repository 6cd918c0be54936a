package dev.embedkit.explore.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Writes sample pictures for people to look at (into embedkit.renderSamples, default target/render-samples) and
 * checks that each written file decodes at its stated size.
 */
class RenderSamplesTest {
  private static final Path OUT = Path.of(System.getProperty("embedkit.renderSamples", "target/render-samples"));

  @Test
  void samplesAreWrittenAndDecode() throws IOException {
    Files.createDirectories(OUT);
    SpaceMap map = SyntheticMaps.clustered(3000, 6, 0.1, 7);
    write(map, "map.png", MapFormat.PNG);
    write(map, "map.svg", MapFormat.SVG);
    write(map, "map.html", MapFormat.HTML);
    SpaceMap images = SyntheticMaps.withThumbnails(SyntheticMaps.clustered(60, 4, 0, 11),
        i -> Color.getHSBColor((i % 12) / 12f, 0.6f, 0.9f));
    write(images, "images.png", MapFormat.PNG);
    write(images, "images.html", MapFormat.HTML);
    writeHeatmap(matrix(12), "heatmap.png");
    writeHeatmap(matrix(12), "heatmap.svg");
    writeHeatmap(matrix(80), "heatmap-80.png");

    assertEquals(RenderOptions.DEFAULT_WIDTH, ImageIO.read(OUT.resolve("map.png").toFile()).getWidth());
    assertNotNull(ImageIO.read(OUT.resolve("heatmap.png").toFile()));
  }

  private static void write(SpaceMap map, String name, MapFormat format) throws IOException {
    try (OutputStream out = Files.newOutputStream(OUT.resolve(name))) {
      format.write(map, out);
    }
  }

  private static void writeHeatmap(SimilarityMatrix matrix, String name) throws IOException {
    try (OutputStream out = Files.newOutputStream(OUT.resolve(name))) {
      HeatmapFormat.fromPath(Path.of(name)).write(matrix, out);
    }
  }

  /** Cosine-like scores among n sentences: high within a topic, low across, 1 on the diagonal. */
  static SimilarityMatrix matrix(int n) {
    Random random = new Random(3);
    List<String> labels = new ArrayList<>();
    int[] topic = new int[n];
    for (int i = 0; i < n; i++) {
      topic[i] = i % SyntheticMaps.TOPICS.length;
      String[] sentences = SyntheticMaps.TOPICS[topic[i]];
      labels.add(sentences[1 + (i / SyntheticMaps.TOPICS.length) % (sentences.length - 1)]);
    }
    float[][] scores = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        float s = i == j ? 1f : (float) ((topic[i] == topic[j] ? 0.6 : 0.1) + random.nextDouble() * 0.25);
        scores[i][j] = s;
        scores[j][i] = s;
      }
    }
    return new SimilarityMatrix(labels, scores, "cosine");
  }
}
