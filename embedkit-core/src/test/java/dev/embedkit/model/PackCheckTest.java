package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.PackCheck.Kind;
import dev.embedkit.model.PackCheck.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the check of a cached pack reports (the warning names the file and what is wrong with it), and what it spares. */
class PackCheckTest {
  static final BuiltinPack PACK = BuiltinPack.ALL_MINILM_L6_V2;

  @TempDir Path root;
  PackCache cache;
  Path folder;

  @BeforeEach
  void extract() {
    cache = new PackCache(root);
    folder = cache.materialize(PACK);
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Files.delete(folder.resolve("1_Pooling/config.json"));
    assertEquals(new Problem(Kind.DAMAGED, "1_Pooling/config.json", "is missing"), problem(false));
  }

  @Test
  void aFileOfAnotherSizeIsNamedWithBothSizes() throws Exception {
    Path tokenizer = folder.resolve("tokenizer.json");
    long size = Files.size(tokenizer);
    Files.write(tokenizer, Arrays.copyOf(Files.readAllBytes(tokenizer), 100));
    assertEquals("tokenizer.json has 100 bytes, expected " + size, problem(false).describe());
  }

  @Test
  void aFileChangedInPlaceIsNamedWithBothHashes() throws Exception {
    Path modules = folder.resolve("modules.json");
    byte[] bytes = Files.readAllBytes(modules);
    bytes[0] = (byte) (bytes[0] ^ 1);
    Files.write(modules, bytes);
    assertTrue(problem(false).describe().matches("modules\\.json has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}"),
        problem(false).describe());
  }

  @Test
  void aFullCheckHashesTheGraphEvenWhenItsStampMatches() throws Exception {
    Path onnx = folder.resolve("onnx/model.onnx");
    var modified = Files.getLastModifiedTime(onnx);
    PackCacheTest.overwrite(onnx, 1000, new byte[] {9, 9, 9, 9});
    Files.setLastModifiedTime(onnx, modified);
    assertEquals(null, PackCheck.check(PACK, folder, false).orElse(null), "the stamp still matches");
    assertTrue(problem(true).describe().startsWith("onnx/model.onnx has SHA-256 "), problem(true).describe());
  }

  @Test
  void aLoadFailureWithIntactFilesKeepsItsErrorAndTheFolder() throws Exception {
    Object graphKey = Files.readAttributes(folder.resolve("onnx/model.onnx"), BasicFileAttributes.class).fileKey();
    EmbedkitException refused = EmbedkitException.model("refused for a reason of its own", null);
    AtomicInteger calls = new AtomicInteger();
    EmbedkitException thrown = assertThrows(EmbedkitException.class, () -> cache.load(PACK, f -> {
      calls.incrementAndGet();
      throw refused;
    }));
    assertSame(refused, thrown);
    assertEquals(1, calls.get(), "no second try without a damaged file");
    assertEquals(graphKey, Files.readAttributes(folder.resolve("onnx/model.onnx"), BasicFileAttributes.class).fileKey(),
        "not extracted again");
  }

  private Problem problem(boolean hashGraph) {
    return PackCheck.check(PACK, folder, hashGraph).orElseThrow();
  }
}
