package dev.embedkit.image.model;

import dev.embedkit.image.decode.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fixed synthetic images (gradients, stripes, blocks and noise in varied colours) whose embeddings give an image
 * model's default int8/uint8 ranges, so quantised image vectors do not depend on the call's other images and are the
 * same on every machine.
 */
final class CalibrationImages {
  static final int COUNT = 24;
  static final int SIZE = 96;
  private static volatile List<RgbImage> images;

  private CalibrationImages() {}

  static List<RgbImage> images() {
    List<RgbImage> result = images;
    if (result == null) {
      result = generate();
      images = result;
    }
    return result;
  }

  private static List<RgbImage> generate() {
    Random random = new Random(20240601L);
    List<RgbImage> out = new ArrayList<>(COUNT);
    for (int n = 0; n < COUNT; n++) {
      byte[] rgb = new byte[SIZE * SIZE * 3];
      int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
      int period = 4 + random.nextInt(28);
      int kind = n % 4;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          for (int c = 0; c < 3; c++) {
            int v = switch (kind) {
              case 0 -> base[c] * x / SIZE + (255 - base[c]) * y / SIZE;
              case 1 -> ((x / period) % 2 == 0) ? base[c] : 255 - base[c];
              case 2 -> (((x / period) + (y / period)) % 2 == 0) ? base[c] : base[(c + 1) % 3];
              default -> Math.min(255, Math.max(0, base[c] + (int) (random.nextGaussian() * 60)));
            };
            rgb[(y * SIZE + x) * 3 + c] = (byte) v;
          }
        }
      }
      out.add(new RgbImage(SIZE, SIZE, rgb));
    }
    return List.copyOf(out);
  }
}
