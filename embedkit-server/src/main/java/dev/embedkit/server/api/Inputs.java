package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.InputItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code input} / {@code inputs} field shared by the APIs: a string, an array of strings, an array of
 * token ids, an array of token-id arrays, or (for image models) objects {@code {"text": ...}} and
 * {@code {"image": URL | data URI | base64}}, mixed with strings (Jina's multimodal convention).
 */
final class Inputs {
  static final String ACCEPTED = "a string, an array of strings, an array of token ids, an array of token-id arrays, "
      + "or objects {\"text\": ...} / {\"image\": URL | data URI | base64}";

  private static final Pattern OTHER_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  private Inputs() {}

  /** How an API treats empty strings. */
  enum EmptyText {
    /** OpenAI: an empty string is an error. */
    REFUSE,
    /** Ollama and TEI: embedded as any text. */
    EMBED
  }

  static List<InputItem> read(JsonNode node, String field, EmptyText empty) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw ServerException.malformed("'" + field + "' is missing; give " + ACCEPTED, field);
    }
    if (node.isTextual()) {
      return List.of(text(node.textValue(), field, field, empty));
    }
    if (!node.isArray()) {
      throw ServerException.malformed("'" + field + "' must be " + ACCEPTED + "; got " + Json.kind(node), field);
    }
    if (node.size() > 0 && node.get(0).isIntegralNumber()) {
      return List.of(new InputItem.TokenIds(ids(node, field, field)));
    }
    List<InputItem> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      String at = field + "[" + i + "]";
      if (element.isTextual()) {
        items.add(text(element.textValue(), at, field, empty));
      } else if (element.isArray()) {
        items.add(new InputItem.TokenIds(ids(element, at, field)));
      } else if (element.isObject()) {
        items.add(object(element, at, field, empty));
      } else {
        throw ServerException.malformed("'" + at + "' must be a string, a token-id array or an object; got "
            + Json.kind(element) + " (the field takes " + ACCEPTED + ")", field);
      }
    }
    return items;
  }

  /** Plain strings only (Ollama, TEI's text routes). */
  static List<String> texts(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw ServerException.malformed("'" + field + "' is missing; give a string or an array of strings", field);
    }
    if (node.isTextual()) {
      return List.of(node.textValue());
    }
    if (!node.isArray()) {
      throw ServerException.malformed("'" + field + "' must be a string or an array of strings; got " + Json.kind(node), field);
    }
    List<String> texts = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual()) {
        throw ServerException.malformed("'" + field + "[" + i + "]' must be a string; got " + Json.kind(element), field);
      }
      texts.add(element.textValue());
    }
    return texts;
  }

  /**
   * The readers below name the element at fault in the message ({@code at}, say {@code input[3]}) and the request
   * field as the error's param ({@code field}, say {@code input}), as OpenAI's {@code param} names a parameter.
   */
  private static InputItem text(String text, String at, String field, EmptyText empty) {
    if (text.isEmpty() && empty == EmptyText.REFUSE) {
      throw ServerException.invalid("'" + at + "' is an empty string; inputs must have at least one character", field);
    }
    return InputItem.text(text);
  }

  private static InputItem object(JsonNode element, String at, String field, EmptyText empty) {
    Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
    if (!fields.hasNext()) {
      throw ServerException.malformed("'" + at + "' is an empty object; give {\"text\": ...} or {\"image\": ...}", field);
    }
    Map.Entry<String, JsonNode> only = fields.next();
    if (fields.hasNext() || !(only.getKey().equals("text") || only.getKey().equals("image"))) {
      throw ServerException.malformed("'" + at + "' must have exactly one field, \"text\" or \"image\"", field);
    }
    if (!only.getValue().isTextual()) {
      throw ServerException.malformed("'" + at + "." + only.getKey() + "' must be a string; got " + Json.kind(only.getValue()), field);
    }
    String value = only.getValue().textValue();
    if (only.getKey().equals("text")) {
      return text(value, at, field, empty);
    }
    return new InputItem.Image(image(value, at, field));
  }

  private static ImageInput image(String value, String at, String field) {
    if (value.isBlank()) {
      throw ServerException.invalid("'" + at + ".image' is empty; give a URL, a data URI or base64 image bytes", field);
    }
    String lower = value.regionMatches(true, 0, "data:", 0, 5) ? "data:" : value.length() > 8 ? value.substring(0, 8).toLowerCase() : value;
    try {
      if (lower.startsWith("data:")) {
        return ImageInput.dataUri(value);
      }
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        return ImageInput.url(value);
      }
      if (OTHER_SCHEME.matcher(value).lookingAt()) { // ':' is not base64, so this was never meant as bytes
        throw ServerException.invalid("'" + at + ".image' is a " + value.substring(0, value.indexOf(':')) + " URL; image URLs "
            + "must be http or https (or send the bytes as a data URI or base64)", field);
      }
      return ImageInput.base64(value, "'" + at + ".image'");
    } catch (EmbedkitException e) {
      String message = e.getMessage().contains(at) ? e.getMessage() : "'" + at + ".image': " + e.getMessage();
      throw new ServerException(Problem.of(e.kind()), message, field);
    }
  }

  private static long[] ids(JsonNode array, String at, String field) {
    long[] ids = new long[array.size()];
    if (ids.length == 0) {
      throw ServerException.invalid("'" + at + "' is an empty token-id array; give at least one id", field);
    }
    for (int i = 0; i < ids.length; i++) {
      JsonNode id = array.get(i);
      if (!id.isIntegralNumber() || !id.canConvertToLong()) {
        throw ServerException.malformed("'" + at + "' mixes token ids with " + Json.kind(id)
            + "; a token-id array holds integers only", field);
      }
      ids[i] = id.longValue();
    }
    return ids;
  }
}
