package dev.embedkit.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON array of strings or of objects with a text field, streamed element by element. Anything else at the top
 * (an object, a number, two values) is a one-line error saying what is accepted.
 */
final class JsonArrayRecords implements RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCEPTED = "a JSON input holds one array of strings or of objects with a text field"
      + " (for one value per line, use .jsonl)";

  private final String source;
  private final JsonParser parser;
  private final JsonRecordFields fields;
  private long element;
  private boolean done;
  private boolean sawId;

  JsonArrayRecords(InputStream in, String source, InputSpec spec) {
    this.source = source;
    this.fields = new JsonRecordFields(spec, source);
    if (spec.header() == HeaderMode.PRESENT) {
      throw EmbedkitException.invalidInput("--header applies to CSV and TSV input; " + source + " is JSON");
    }
    try {
      this.parser = JSON.getFactory().createParser(in);
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw EmbedkitException.invalidInput(source + " is empty; " + ACCEPTED);
      }
      if (first != JsonToken.START_ARRAY) {
        throw EmbedkitException.invalidInput(source + " holds " + describe(first) + " at the top, not an array; " + ACCEPTED);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw IoErrors.of("read", source, e);
    }
  }

  @Override
  public InputRecord next() {
    if (done) {
      return null;
    }
    try {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        done = true;
        JsonToken after = parser.nextToken();
        if (after != null) {
          throw EmbedkitException.invalidInput(source + " line " + parser.currentLocation().getLineNr()
              + ": more JSON after the array; " + ACCEPTED);
        }
        return null;
      }
      if (token == null) {
        throw EmbedkitException.invalidInput(source + " ends inside the array (a ']' is missing); " + ACCEPTED);
      }
      long line = parser.currentTokenLocation().getLineNr();
      JsonNode node = JSON.readTree(parser);
      String where = source + " element " + (element++) + " (line " + line + ")";
      InputRecord record = fields.record(node, line, where);
      sawId |= record.id() != null;
      return record;
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw IoErrors.of("read", source, e);
    }
  }

  private EmbedkitException malformed(JsonProcessingException e) {
    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    return EmbedkitException.invalidInput(source + (line > 0 ? " line " + line : "") + " is not valid JSON ("
        + e.getOriginalMessage() + "); " + ACCEPTED);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "'" + token.asString() + "'";
    };
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public boolean hasIds() {
    return fields.idRequired() || sawId;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // a read stream: nothing to lose
    }
  }
}
