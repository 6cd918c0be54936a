package dev.embedkit.store.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.input.LineReader;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
public final class JsonlSource implements DocumentSource {
  private static final Logger LOG = LoggerFactory.getLogger(JsonlSource.class);

  /** The keys a line may have. */
  public static final List<String> KEYS = List.of("id", "text", "metadata", "vector", "image", "chunks");

  private final LineReader lines;
  private final String name;
  private final boolean generateIds;
  private Document pending;
  private boolean ended;
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
  public boolean hasNext() {
    if (pending == null && !ended) {
      pending = read();
      ended = pending == null;
    }
    return pending != null;
  }

  @Override
  public Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException(source() + " has no more documents");
    }
    Document next = pending;
    pending = null;
    return next;
  }

  private Document read() {
    for (String line; (line = lines.readLine()) != null; ) {
      if (!line.isBlank()) {
        return document(line, lines.lineNumber());
      }
    }
    return null;
  }

  private Document document(String line, long number) {
    String where = source() + " line " + number;
    JsonNode node;
    try {
      node = JsonValues.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw EmbedkitException.invalidInput(where + " is not valid JSON (" + e.getOriginalMessage()
          + "); JSON Lines input holds one object per line");
    }
    if (!node.isObject()) {
      throw EmbedkitException.invalidInput(where + " holds a JSON " + kind(node)
          + "; each line must be an object with the keys " + String.join(", ", KEYS));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw EmbedkitException.invalidInput(where + " has an unknown key '" + key + "'; accepted: "
            + String.join(", ", KEYS));
      }
    }
    String id = id(node.get("id"), where, number);
    String text = string(node.get("text"), "text", where);
    String image = string(node.get("image"), "image", where);
    float[] vector = Vectors.read(node.get("vector"), where + ": vector");
    Map<String, Object> metadata = metadata(node.get("metadata"), where);
    checkChunks(node.get("chunks"), where);
    try {
      return new Document(id, text, metadata, vector, image);
    } catch (EmbedkitException e) {
      throw EmbedkitException.invalidInput(where + ": " + e.getMessage());
    }
  }

  private String id(JsonNode id, String where, long number) {
    if (id == null || id.isNull()) {
      if (generateIds) {
        return name + ":" + number;
      }
      throw EmbedkitException.invalidInput(where + " has no id; give each line an \"id\" (a string or an integer),"
          + " or have ids generated as <file name>:<line>");
    }
    if (id.isTextual()) {
      if (id.textValue().isEmpty()) {
        throw EmbedkitException.invalidInput(where + " has an empty id; ids are 1 or more chars");
      }
      return id.textValue();
    }
    if (id.isIntegralNumber()) {
      return id.bigIntegerValue().toString();
    }
    throw EmbedkitException.invalidInput(where + ": id is a JSON " + kind(id) + "; accepted: a string or an integer");
  }

  private static String string(JsonNode value, String key, String where) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw EmbedkitException.invalidInput(where + ": " + key + " is a JSON " + kind(value) + "; accepted: a string");
    }
    return value.textValue();
  }

  private static Map<String, Object> metadata(JsonNode value, String where) {
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw EmbedkitException.invalidInput(where + ": metadata is a JSON " + kind(value) + "; accepted: an object");
    }
    return JsonValues.MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() {});
  }

  private void checkChunks(JsonNode chunks, String where) {
    if (chunks == null || chunks.isNull()) {
      return;
    }
    if (!chunks.isArray()) {
      throw EmbedkitException.invalidInput(where + ": chunks is a JSON " + kind(chunks) + "; accepted: an array of"
          + " objects as an export writes them");
    }
    if (chunks.size() > 1 && !toldAboutChunks) {
      toldAboutChunks = true;
      LOG.info("{}: the vectors of documents split into chunks are not imported; their texts are split and embedded"
          + " again (from {} on)", source(), where);
    }
  }

  static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() {
    lines.close();
  }
}
