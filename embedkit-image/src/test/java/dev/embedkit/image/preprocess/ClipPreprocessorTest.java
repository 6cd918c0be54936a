package dev.embedkit.image.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.image.decode.RgbImage;
import org.junit.jupiter.api.Test;

class ClipPreprocessorTest {
  @Test
  void shortestEdgeBecomes224AndTheLongEdgeIsTruncated() {
    assertArrayEquals(new int[] {336, 224}, ClipPreprocessor.resizedSize(451, 300, 224)); // 336.74 truncated
    assertArrayEquals(new int[] {224, 336}, ClipPreprocessor.resizedSize(300, 451, 224));
    assertArrayEquals(new int[] {224, 224}, ClipPreprocessor.resizedSize(512, 512, 224));
    assertArrayEquals(new int[] {224, 17920}, ClipPreprocessor.resizedSize(1, 80, 224));
  }

  @Test
  void centreCropOfASmallImagePadsWithBlackAroundTheCentre() {
    RgbImage white = new RgbImage(2, 2, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
    RgbImage cropped = ClipPreprocessor.centerCrop(white, 4, 5);
    assertEquals(4, cropped.width());
    assertEquals(5, cropped.height());
    // ceil((4-2)/2) = 1 column and ceil((5-2)/2) = 2 rows of padding before the image
    assertEquals(0, cropped.sample(0, 2, 0));
    assertEquals(255, cropped.sample(1, 2, 0));
    assertEquals(255, cropped.sample(2, 3, 0));
    assertEquals(0, cropped.sample(1, 1, 0));
    assertEquals(0, cropped.sample(1, 4, 0));
  }

  @Test
  void squarePadPutsAWideImageInTheVerticalMiddle() {
    RgbImage wide = RgbImage.black(5, 2).placeOn(5, 2, 0, 0);
    byte[] rgb = wide.rgb();
    java.util.Arrays.fill(rgb, (byte) 9);
    RgbImage square = ClipPreprocessor.squarePad(wide);
    assertEquals(5, square.width());
    assertEquals(5, square.height());
    assertEquals(0, square.sample(0, 0, 0));
    assertEquals(9, square.sample(0, 1, 0)); // (5 - 2) // 2 = 1
    assertEquals(9, square.sample(4, 2, 2));
    assertEquals(0, square.sample(0, 3, 0));
  }

  @Test
  void resizeToTheSameSizeKeepsPixels() {
    RgbImage img = new RgbImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
    for (Resample r : Resample.values()) {
      assertArrayEquals(img.rgb(), r.resize(img, 2, 1).rgb(), r.name());
    }
  }

  @Test
  void unknownResampleNumberListsTheSupportedOnes() {
    dev.embedkit.EmbedkitException e = org.junit.jupiter.api.Assertions.assertThrows(dev.embedkit.EmbedkitException.class,
        () -> Resample.fromPilCode(1));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("3 (BICUBIC)"), e.getMessage());
  }
}
