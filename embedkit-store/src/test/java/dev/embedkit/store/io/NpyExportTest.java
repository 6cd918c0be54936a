package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.StoredDocument;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyExportTest {
  private static final Pattern DICT = Pattern.compile(
      "\\{'descr': '(<f4)', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), } *\n");

  @TempDir
  Path dir;

  @Test
  void theArrayReadsBackWithItsShapeAndValuesAndEachRowIsNamed() throws IOException {
    List<StoredDocument> stored = ExportTestData.documents(3);
    long rows = ExportTestData.rows(stored);
    assertEquals(6, NpyExport.write(dir, stored.iterator(), rows, ExportTestData.DIMENSIONS));

    ByteBuffer npy = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("vectors.npy"))).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    npy.get(magic);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, magic);
    int headerLength = Short.toUnsignedInt(npy.getShort());
    byte[] dict = new byte[headerLength];
    npy.get(dict);
    Matcher header = DICT.matcher(new String(dict, StandardCharsets.US_ASCII));
    assertEquals(true, header.matches(), new String(dict, StandardCharsets.US_ASCII));
    assertEquals(List.of(6L, 7L), List.of(Long.parseLong(header.group(2)), Long.parseLong(header.group(3))));
    assertEquals(0, npy.position() % 64, "the data starts on a 64-byte boundary");
    assertEquals(6 * 7 * Float.BYTES, npy.remaining());
    for (float[] expected : ExportTestData.vectors(stored)) {
      float[] row = new float[7];
      npy.asFloatBuffer().get(row);
      npy.position(npy.position() + 7 * Float.BYTES);
      assertArrayEquals(expected, row);
    }

    List<String> ids = Files.readAllLines(dir.resolve("ids.jsonl"));
    assertEquals(6, ids.size());
    JsonNode third = JsonValues.MAPPER.readTree(ids.get(2));
    assertEquals("{\"id\":\"split/\u00e9\",\"chunk\":1,\"start\":12,\"end\":32,\"metadata\":{\"n\":-1}}",
        third.toString());
  }

  @Test
  void anEmptyExportIsAZeroRowArray() throws IOException {
    NpyExport.write(dir, List.<StoredDocument>of().iterator(), 0, 384);
    byte[] bytes = Files.readAllBytes(dir.resolve("vectors.npy"));
    assertEquals(128, bytes.length, "a header padded to 64-byte lines, no data");
    String dict = new String(bytes, 10, bytes.length - 10, StandardCharsets.US_ASCII);
    assertEquals(true, dict.contains("'shape': (0, 384)"), dict);
    assertEquals(0, Files.size(dir.resolve("ids.jsonl")));
  }

  @Test
  void anotherRowCountOrLengthWritesNothing() {
    List<StoredDocument> stored = ExportTestData.documents(4);
    EmbedkitException fewer = assertThrows(EmbedkitException.class,
        () -> NpyExport.write(dir, stored.iterator(), 7, ExportTestData.DIMENSIONS));
    assertEquals("the export was told of 7 rows but the documents hold 6; nothing was written (did the collection"
        + " change meanwhile?)", fewer.getMessage());
    EmbedkitException more = assertThrows(EmbedkitException.class,
        () -> NpyExport.write(dir, stored.iterator(), 5, ExportTestData.DIMENSIONS));
    assertEquals("the export was told of 5 rows but the documents hold more; nothing was written (did the"
        + " collection change meanwhile?)", more.getMessage());
    EmbedkitException length = assertThrows(EmbedkitException.class,
        () -> NpyExport.write(dir, stored.iterator(), 6, 8));
    assertEquals("document 'whole' chunk 0 has a vector of 7 dimensions; the export's are 8", length.getMessage());
    assertFalse(Files.exists(dir.resolve("vectors.npy")));
    assertEquals(List.of(), Arrays.asList(dir.toFile().list()), "no temporary files left");
  }
}
