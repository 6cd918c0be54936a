package dev.embedkit.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Input files for the tests. */
final class TestFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestFiles() {}

  /** One JSON object per line: {"id": i, "text": ...}; a null text is written as null. */
  static Path jsonl(Path path, List<String> texts) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode node = JSON.createObjectNode().put("id", (long) i);
      if (texts.get(i) == null) {
        node.putNull("text");
      } else {
        node.put("text", texts.get(i));
      }
      out.append(JSON.writeValueAsString(node)).append('\n');
    }
    Files.writeString(path, out, StandardCharsets.UTF_8);
    return path;
  }
}
