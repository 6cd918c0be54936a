package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's named prompts (config_sentence_transformers.json: {@code prompts}, {@code default_prompt_name}). A prompt
 * is text prepended to the input, e.g. e5's {@code "query: "}.
 *
 * @param byName prompt text by name ("query", "document", ...)
 * @param defaultName the prompt applied when the caller names none, or null
 */
public record Prompts(Map<String, String> byName, String defaultName) {
  public static final Prompts NONE = new Prompts(Map.of(), null);

  public Prompts {
    byName = Map.copyOf(byName);
    if (defaultName != null && !byName.containsKey(defaultName)) {
      throw new IllegalArgumentException(
          "default_prompt_name '" + defaultName + "' is not among the prompts " + byName.keySet());
    }
  }

  /** The text of a named prompt; an unknown name fails with the names this model has. */
  public String text(String name) {
    String text = byName.get(name);
    if (text == null) {
      throw EmbedkitException.invalidInput(
          "unknown prompt name '" + name + "'; this model's prompts are: "
              + (byName.isEmpty() ? "(none)" : String.join(", ", new TreeMap<>(byName).keySet())));
    }
    return text;
  }
}
