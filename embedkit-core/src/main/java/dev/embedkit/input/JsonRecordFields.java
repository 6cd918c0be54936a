package dev.embedkit.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import java.util.Locale;

/** The rule JSON Lines and JSON arrays share: a value is a string, or an object with a text field and maybe an id. */
final class JsonRecordFields {
  static final String DEFAULT_TEXT = "text";
  static final String DEFAULT_ID = "id";

  private final String textField;
  private final String idField;
  private final boolean idRequired;

  JsonRecordFields(InputSpec spec, String source) {
    this.textField = spec.textField() == null ? DEFAULT_TEXT : checkName(spec.textField(), "--field", source);
    this.idField = spec.idField() == null ? DEFAULT_ID : checkName(spec.idField(), "--id-field", source);
    this.idRequired = spec.idField() != null;
  }

  private static String checkName(String field, String option, String source) {
    if (field.strip().chars().allMatch(Character::isDigit)) {
      throw EmbedkitException.invalidInput(option + " " + field + ": " + source + " is JSON, whose fields have names, not numbers");
    }
    return field;
  }

  /** True when ids are expected (an --id-field was given). */
  boolean idRequired() {
    return idRequired;
  }

  /** @param where e.g. "data.jsonl line 3" */
  InputRecord record(JsonNode node, long line, String where) {
    if (node.isTextual()) {
      if (idRequired) {
        throw EmbedkitException.invalidInput(where + " is a plain string, which has no \"" + idField + "\" field; "
            + "give objects like {\"" + idField + "\": ..., \"" + textField + "\": ...}");
      }
      return new InputRecord(node.asText(), line, null);
    }
    if (!node.isObject()) {
      throw EmbedkitException.invalidInput(where + " is " + typeOf(node) + "; expected a string or an object with a \""
          + textField + "\" field");
    }
    JsonNode text = node.get(textField);
    if (text == null) {
      throw EmbedkitException.invalidInput(where + " has no \"" + textField + "\" field; name the field with --field");
    }
    if (!text.isTextual()) {
      throw EmbedkitException.invalidInput(where + ": \"" + textField + "\" is " + typeOf(text) + ", expected a string");
    }
    return new InputRecord(text.asText(), line, id(node, where));
  }

  private String id(JsonNode node, String where) {
    JsonNode id = node.get(idField);
    if (id == null || id.isNull()) {
      if (idRequired) {
        throw EmbedkitException.invalidInput(where + " has no \"" + idField + "\" field (--id-field)");
      }
      return null;
    }
    if (!id.isTextual() && !id.isIntegralNumber()) {
      throw EmbedkitException.invalidInput(where + ": \"" + idField + "\" is " + typeOf(id) + "; ids are strings or integers");
    }
    return id.asText();
  }

  static String typeOf(JsonNode node) {
    String type = node.getNodeType().toString().toLowerCase(Locale.ROOT);
    return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
  }
}
