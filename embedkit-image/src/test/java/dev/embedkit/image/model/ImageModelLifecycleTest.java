package dev.embedkit.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.TestData;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.model.LoadOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image models close as text models do: twice is harmless, a call after close is a one-line UNAVAILABLE. */
class ImageModelLifecycleTest {
  @TempDir Path dir;

  @Test
  void clipAndImgbeddingsCloseOnceAndThenRefuseCalls() throws Exception {
    ImageEmbeddingModel clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", TestData.tinyModel("clip", dir, true),
        LoadOptions.DEFAULTS));
    ImageEmbeddingModel imgbeddings = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-imgbeddings",
        TestData.tinyModel("imgbeddings", dir, false), LoadOptions.DEFAULTS));
    for (ImageEmbeddingModel model : List.of(clip, imgbeddings)) {
      model.close();
      model.close();
      EmbedkitException e = assertThrows(EmbedkitException.class,
          () -> model.embedDecoded(List.of(RgbImage.black(8, 8)), EmbedOptions.DEFAULTS));
      assertEquals(ErrorKind.UNAVAILABLE, e.kind());
      assertEquals("model " + model.info().name() + " is closed; load it again to use it", e.getMessage());
    }
    assertEquals(ErrorKind.UNAVAILABLE, assertThrows(EmbedkitException.class, () -> clip.embed(List.of("a cat"))).kind());
  }
}
