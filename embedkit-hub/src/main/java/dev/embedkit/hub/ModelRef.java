package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;

/**
 * What a user asks for: {@code ID[:VARIANT][@REVISION]}, where ID is a repo id or an alias. The Ollama-style
 * {@code :VARIANT} tag picks a quantised ONNX file ({@code mxbai-embed-large:quantized}); {@code :latest} means the
 * default file. Repo ids never contain ':' or '@', so the syntax is unambiguous.
 *
 * @param id repo id or alias, as typed
 * @param revision branch, tag or commit; "main" when not given
 * @param variant ONNX variant, or null for the default model.onnx
 */
public record ModelRef(String id, String revision, String variant) {
  public static final String DEFAULT_REVISION = "main";

  public ModelRef {
    if (id == null || id.isBlank()) {
      throw EmbedkitException.invalidInput("model id is empty; expected ORG/NAME[@REVISION] or an alias such as mxbai-embed-large");
    }
    RepoPaths.checkRevision(revision);
    if (variant != null) {
      variant = OnnxVariant.check(variant);
    }
  }

  public static ModelRef parse(String text) {
    return parse(text, null);
  }

  /** Parses {@code ID[:VARIANT][@REVISION]}; an explicit {@code variant} (the --variant option) wins over the tag. */
  public static ModelRef parse(String text, String variant) {
    if (text == null || text.isBlank()) {
      throw EmbedkitException.invalidInput("model id is empty; expected ORG/NAME[@REVISION] or an alias such as mxbai-embed-large");
    }
    String id = text.trim();
    String revision = DEFAULT_REVISION;
    int at = id.indexOf('@');
    if (at >= 0) {
      revision = id.substring(at + 1);
      id = id.substring(0, at);
    }
    String tag = null;
    int colon = id.indexOf(':');
    if (colon >= 0) {
      tag = id.substring(colon + 1);
      id = id.substring(0, colon);
      if (tag.equals("latest") || tag.isEmpty()) {
        tag = null;
      }
    }
    return new ModelRef(id, revision, variant != null && !variant.isBlank() ? variant : tag);
  }

  public boolean hasVariant() {
    return variant != null;
  }

  @Override
  public String toString() {
    return id + (variant == null ? "" : ":" + variant) + (revision.equals(DEFAULT_REVISION) ? "" : "@" + revision);
  }
}
