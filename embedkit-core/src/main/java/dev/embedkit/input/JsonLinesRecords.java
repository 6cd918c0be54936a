package dev.embedkit.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;

/** JSON Lines: one JSON string or object per line; blank lines skipped. */
final class JsonLinesRecords extends LineBasedRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonRecordFields fields;
  private boolean sawId;

  JsonLinesRecords(LineReader lines, InputSpec spec) {
    super(lines);
    this.fields = new JsonRecordFields(spec, lines.source());
    if (spec.header() == HeaderMode.PRESENT) {
      throw EmbedkitException.invalidInput("--header applies to CSV and TSV input; " + lines.source() + " is JSON Lines");
    }
  }

  @Override
  public InputRecord next() {
    for (String line; (line = lines.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      String where = lines.source() + " line " + lines.lineNumber();
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw EmbedkitException.invalidInput(where + " is not valid JSON (" + e.getOriginalMessage()
            + "); JSON Lines input holds one string or object per line");
      }
      InputRecord record = fields.record(node, lines.lineNumber(), where);
      sawId |= record.id() != null;
      return record;
    }
    return null;
  }

  @Override
  public boolean hasIds() {
    return fields.idRequired() || sawId;
  }
}
