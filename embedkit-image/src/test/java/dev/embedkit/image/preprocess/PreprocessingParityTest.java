package dev.embedkit.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.image.TestData;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our decode + resize + crop + rescale + normalise against Pillow + CLIPImageProcessor's algorithm
 * (scripts/reference_preprocess.py): at most one 8-bit level on any pixel, and the float arithmetic to float32
 * precision.
 */
class PreprocessingParityTest {
  private static final ImageDecoder DECODER = new ImageDecoder(DecodeOptions.DEFAULTS);

  static Stream<Arguments> cases() throws IOException {
    JsonNode json = new ObjectMapper().readTree(TestData.parity().resolve("expected.json").toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : json.get("cases")) {
      out.add(Arguments.of(c.get("input").asText() + " " + c.get("case").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void preprocessedPixelsMatchPillowWithinOneLevel(String name, JsonNode c) throws IOException {
    Path input = c.get("origin").asText().equals("shared")
        ? TestData.sharedImages().resolve(c.get("input").asText())
        : TestData.parity().resolve("inputs").resolve(c.get("input").asText());
    RgbImage decoded = DECODER.decode(Files.readAllBytes(input), input.getFileName().toString());
    assertEquals(c.get("decoded_size").get(0).asInt(), decoded.width(), "decoded width");
    assertEquals(c.get("decoded_size").get(1).asInt(), decoded.height(), "decoded height");

    PreprocessorConfig config = switch (c.get("case").asText()) {
      case "bilinear" -> withResample(Resample.BILINEAR);
      case "nearest" -> withResample(Resample.NEAREST);
      case "imgbeddings" -> PreprocessorConfig.CLIP_DEFAULTS.withoutCenterCrop();
      default -> PreprocessorConfig.CLIP_DEFAULTS;
    };
    RgbImage source = c.get("case").asText().equals("imgbeddings") ? ClipPreprocessor.squarePad(decoded) : decoded;
    ClipPreprocessor pre = new ClipPreprocessor(config);
    RgbImage ours = pre.resizeAndCrop(source);
    RgbImage expected = DECODER.decode(Files.readAllBytes(TestData.parity().resolve("expected").resolve(c.get("expected").asText())), "expected");
    assertEquals(expected.width(), ours.width(), "width");
    assertEquals(expected.height(), ours.height(), "height");
    int worst = 0;
    int differing = 0;
    for (int i = 0; i < ours.rgb().length; i++) {
      int d = Math.abs((ours.rgb()[i] & 0xFF) - (expected.rgb()[i] & 0xFF));
      worst = Math.max(worst, d);
      differing += d > 0 ? 1 : 0;
    }
    assertTrue(worst <= 1, name + ": largest difference " + worst + " levels (" + differing + " samples differ)");

    float[] tensor = pre.pixelValues(source);
    int h = ours.height();
    int w = ours.width();
    for (JsonNode probe : c.get("probes")) {
      int ch = probe.get(0).asInt();
      int y = probe.get(1).asInt();
      int x = probe.get(2).asInt();
      double tolerance = 1.0 / 255 / config.std()[ch] + 1e-6;
      assertEquals(probe.get(3).asDouble(), tensor[ch * h * w + y * w + x], tolerance, name + " value at c" + ch + " y" + y + " x" + x);
    }
    for (int ch = 0; ch < 3; ch++) {
      double sum = 0;
      for (int i = 0; i < h * w; i++) {
        sum += tensor[ch * h * w + i];
      }
      double tolerance = differing / 255.0 / config.std()[ch] + 1e-2;
      assertEquals(c.get("channel_sums").get(ch).asDouble(), sum, tolerance, name + " channel " + ch + " sum");
    }
  }

  @Test
  void identicalPixelsGiveTheReferenceFloatsExactly() throws IOException {
    // the expected PNG is Pillow's 8-bit result; our float conversion of it must equal numpy's to the last bit
    JsonNode c = cases().filter(a -> ((String) a.get()[0]).equals("chelsea.png clip")).findFirst().orElseThrow().get()[1] instanceof JsonNode n ? n : null;
    RgbImage expected = DECODER.decode(Files.readAllBytes(TestData.parity().resolve("expected").resolve(c.get("expected").asText())), "expected");
    float[] tensor = new float[3 * 224 * 224];
    new ClipPreprocessor(PreprocessorConfig.CLIP_DEFAULTS).toTensor(expected, tensor, 0);
    for (JsonNode probe : c.get("probes")) {
      int idx = probe.get(0).asInt() * 224 * 224 + probe.get(1).asInt() * 224 + probe.get(2).asInt();
      assertEquals((float) probe.get(3).asDouble(), tensor[idx], 0.0f, "probe " + probe);
    }
  }

  private static PreprocessorConfig withResample(Resample r) {
    PreprocessorConfig d = PreprocessorConfig.CLIP_DEFAULTS;
    return new PreprocessorConfig(true, 224, r, true, 224, 224, true, d.rescaleFactor(), true, d.mean(), d.std(), true);
  }
}
