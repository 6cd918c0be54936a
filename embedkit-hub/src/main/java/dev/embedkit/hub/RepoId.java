package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import java.util.regex.Pattern;

/**
 * A Hugging Face model repository id, {@code ORG/NAME} (or a bare legacy {@code NAME}), checked with the hub's own
 * rules so it can never leave the cache folder: letters, digits, '-', '_', '.'; no "--" or ".." ; at most 96 chars.
 */
public record RepoId(String value) {
  public static final int MAXIMUM_LENGTH = 96;
  private static final Pattern VALID = Pattern.compile("^([A-Za-z0-9][\\w.\\-]*/)?[A-Za-z0-9][\\w.\\-]*$");

  public RepoId {
    if (value == null || value.isBlank()) {
      throw EmbedkitException.invalidInput("repository id is empty; expected ORG/NAME such as mixedbread-ai/mxbai-embed-large-v1");
    }
    if (value.length() > MAXIMUM_LENGTH || !VALID.matcher(value).matches() || value.contains("--")
        || value.contains("..") || value.endsWith(".") || value.endsWith("-")) {
      throw EmbedkitException.invalidInput("'" + value + "' is not a Hugging Face repository id; expected ORG/NAME made of"
          + " letters, digits, '-', '_' and '.', without '..', '--', '\\' or a leading '/', at most " + MAXIMUM_LENGTH + " characters");
    }
  }

  /** True when {@code text} has the shape of a repo id with an organisation (so a bare word stays a model name). */
  public static boolean looksLikeRepoId(String text) {
    return text != null && text.indexOf('/') > 0 && text.indexOf('/') == text.lastIndexOf('/') && !text.startsWith(".");
  }

  /** The cache folder name: {@code models--ORG--NAME}. */
  public String folderName() {
    return "models--" + value.replace("/", "--");
  }

  /** The repo id a cache folder name stands for, or null when the folder is not a model repo. */
  public static RepoId fromFolderName(String folder) {
    if (!folder.startsWith("models--")) {
      return null;
    }
    try {
      return new RepoId(folder.substring("models--".length()).replaceFirst("--", "/"));
    } catch (EmbedkitException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
