package dev.embedkit.store.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.embedkit.EmbedkitException;
import dev.embedkit.input.LineReader;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents from JSON Lines: one object per line, blank lines skipped, UTF-8 (read by core's {@link LineReader}).
 *
 * <pre>{@code
 * {"id": "a1", "text": "The text to embed.", "metadata": {"lang": "en", "year": 2024}}
 * {"id": 7, "vector": [0.1, -0.2, 0.3]}
 * {"id": "img-1", "image": "photos/cat.png", "metadata": {"tags": ["cat", "sofa"]}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code id}: a string, or an integer (its decimal digits); required, unless ids are generated, when a missing
 *       id becomes {@code <file name>:<line>};
 *   <li>{@code text}, {@code image}: strings; {@code metadata}: an object of the values {@link
 *       dev.embedkit.store.Metadata} accepts; {@code vector}: an array of finite numbers within float range;
 *   <li>{@code chunks}: as {@link JsonlExport} writes it for a document split into chunks. Its vectors are not read: a
 *       {@link Document} holds one vector, so a split document is split and embedded again from its text on ingest
 *       (logged once per file). A document exported whole has a top-level {@code vector}, which is read.
 * </ul>
 *
 * Any other key, a value of the wrong type, invalid JSON or UTF-8 is an error naming the file and line.
 */
public final class JsonlSource extends LookaheadSource {
  private static final Logger LOG = LoggerFactory.getLogger(JsonlSource.class);

  /** The keys a line may have. */
  public static final List<String> KEYS = List.of("id", "text", "metadata", "vector", "image", "chunks");

  private final LineReader lines;
  private final String name;
  private final boolean generateIds;
  private boolean toldAboutChunks;

  /**
   * @param generateIds give a line without an id the id {@code <file name>:<line>} instead of refusing it
   */
  public JsonlSource(Path file, boolean generateIds) {
    this(open(file), file.toString(), file.getFileName().toString(), generateIds);
  }

  /**
   * @param source what messages call the stream
   * @param name the name generated ids start with
   */
  public JsonlSource(InputStream in, String source, String name, boolean generateIds) {
    this.lines = new LineReader(in, source);
    this.name = name;
    this.generateIds = generateIds;
  }

  static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("input file " + file + " does not exist");
    } catch (IOException e) {
      throw dev.embedkit.io.IoErrors.of("read input file", file, e);
    }
  }

  @Override
  public String source() {
    return lines.source();
  }

  @Override
  protected Document read() {
    for (String line; (line = lines.readLine()) != null; ) {
      if (!line.isBlank()) {
        return document(line, lines.lineNumber());
      }
    }
    return null;
  }

  private Document document(String line, long number) {
    String where = source() + " line " + number;
    try (JsonParser json = JsonValues.MAPPER.createParser(line)) {
      JsonToken first = json.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw EmbedkitException.invalidInput(where + " holds a JSON " + JsonValues.kind(first)
            + "; each line must be an object with the keys " + String.join(", ", KEYS));
      }
      Fields fields = new Fields();
      for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
        String key = json.currentName();
        json.nextToken();
        switch (key) {
          case "id" -> fields.id = id(json, where);
          case "text" -> fields.text = string(json, "text", where);
          case "image" -> fields.image = string(json, "image", where);
          case "vector" -> fields.vector = Vectors.read(json, where + ": vector");
          case "metadata" -> fields.metadata = metadata(json, where);
          case "chunks" -> checkChunks(json, where);
          default -> throw EmbedkitException.invalidInput(where + " has an unknown key '" + key + "'; accepted: "
              + String.join(", ", KEYS));
        }
      }
      if (json.nextToken() != null) {
        throw EmbedkitException.invalidInput(where + " is not valid JSON (more after the object's end); JSON Lines"
            + " input holds one object per line");
      }
      return fields.document(where, generateIds ? name + ":" + number : null);
    } catch (JsonProcessingException e) {
      throw EmbedkitException.invalidInput(where + " is not valid JSON (" + e.getOriginalMessage()
          + "); JSON Lines input holds one object per line");
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot parse " + where + ": " + e.getMessage(), e);
    }
  }

  /** A line's values as they are read. */
  private static final class Fields {
    String id;
    String text;
    String image;
    float[] vector;
    Map<String, Object> metadata = Map.of();

    Document document(String where, String generatedId) {
      if (id == null && generatedId == null) {
        throw EmbedkitException.invalidInput(where + " has no id; give each line an \"id\" (a string or an integer),"
            + " or have ids generated as <file name>:<line>");
      }
      try {
        return new Document(id == null ? generatedId : id, text, metadata, vector, image);
      } catch (EmbedkitException e) {
        throw EmbedkitException.invalidInput(where + ": " + e.getMessage());
      }
    }
  }

  private static String id(JsonParser json, String where) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.VALUE_STRING) {
      if (json.getText().isEmpty()) {
        throw EmbedkitException.invalidInput(where + " has an empty id; ids are 1 or more chars");
      }
      return json.getText();
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return json.getText();
    }
    throw EmbedkitException.invalidInput(where + ": id is a JSON " + JsonValues.kind(token)
        + "; accepted: a string or an integer");
  }

  private static String string(JsonParser json, String key, String where) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw EmbedkitException.invalidInput(where + ": " + key + " is a JSON " + JsonValues.kind(token)
          + "; accepted: a string");
    }
    return json.getText();
  }

  private static Map<String, Object> metadata(JsonParser json, String where) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (token != JsonToken.START_OBJECT) {
      throw EmbedkitException.invalidInput(where + ": metadata is a JSON " + JsonValues.kind(token)
          + "; accepted: an object");
    }
    Map<String, Object> metadata = json.readValueAs(new TypeReference<Map<String, Object>>() {});
    for (Map.Entry<String, Object> field : metadata.entrySet()) {
      if (field.getValue() instanceof Map<?, ?>) {
        throw EmbedkitException.invalidInput(where + ": metadata field '" + field.getKey() + "' holds a JSON object;"
            + " accepted: string, number, boolean, or a flat array of them");
      }
    }
    return metadata;
  }

  /** Checks the export's chunk list is a list of objects; their vectors are not read (see the class comment). */
  private void checkChunks(JsonParser json, String where) throws IOException {
    JsonToken token = json.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      throw EmbedkitException.invalidInput(where + ": chunks is a JSON " + JsonValues.kind(token) + "; accepted: an"
          + " array of objects as an export writes them");
    }
    int chunks = 0;
    for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
      if (token != JsonToken.START_OBJECT) {
        throw EmbedkitException.invalidInput(where + ": chunks[" + chunks + "] is a JSON " + JsonValues.kind(token)
            + "; accepted: objects as an export writes them");
      }
      json.skipChildren();
      chunks++;
    }
    if (chunks > 1 && !toldAboutChunks) {
      toldAboutChunks = true;
      LOG.info("{}: the vectors of documents split into chunks are not imported; their texts are split and embedded"
          + " again (from {} on)", source(), where);
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
