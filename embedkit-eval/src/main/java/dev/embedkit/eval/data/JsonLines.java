package dev.embedkit.eval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** Reads a JSON Lines file object by object; a bad line fails with the file and line number. Blank lines are skipped. */
public final class JsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Calls {@code each} with every object and its 1-based line number. */
  public static void forEach(Path path, BiConsumer<Integer, JsonNode> each) {
    TableFile.requireFile(path);
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
          throw EmbedkitException.invalidInput(path + " line " + line + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
          throw EmbedkitException.invalidInput(path + " line " + line + ": expected a JSON object");
        }
        each.accept(line, node);
      }
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + path + ": " + e.getMessage());
    }
  }

  /** A required string field (numbers are accepted and turned into strings, as BEIR ids sometimes are). */
  public static String text(JsonNode node, String field, Path path, int line) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
      throw EmbedkitException.invalidInput(path + " line " + line + ": missing string field '" + field + "'");
    }
    return value.asText();
  }

  /** An optional string field, or "" when absent. */
  public static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }
}
