package dev.embedkit.pipeline;

import dev.embedkit.EmbedkitException;
import dev.embedkit.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checks every text model makes on a call's inputs, with the same messages whatever the model. */
public final class TextChecks {
  private TextChecks() {}

  /**
   * The texts with the prompt prepended (and lower-cased when the model says), as the model reads them.
   *
   * @throws EmbedkitException INVALID_INPUT for a null list or a null text, naming its index
   */
  public static List<String> prepare(List<String> texts, String prompt, boolean lowerCase) {
    if (texts == null) {
      throw EmbedkitException.invalidInput("texts is null; give a list of strings (it may be empty)");
    }
    List<String> prepared = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw EmbedkitException.invalidInputAt(i, "is null; inputs must be strings (an empty string is allowed)");
      }
      String full = prompt + text;
      prepared.add(lowerCase ? full.toLowerCase(Locale.ROOT) : full);
    }
    return prepared;
  }

  /** With truncation off, the first input longer than the model's window is an error naming its index. */
  public static void checkLengths(Tokens[] tokens, boolean truncate, int maxTokens) {
    if (truncate) {
      return;
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].truncated()) {
        throw EmbedkitException.invalidInputAt(i, "is longer than the model's maximum of " + maxTokens
            + " tokens; shorten it or allow truncation");
      }
    }
  }
}
