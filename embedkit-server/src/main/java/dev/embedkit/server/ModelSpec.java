package dev.embedkit.server;

import dev.embedkit.model.BuiltinPack;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@code --model} value: {@code SPEC} or {@code NAME=SPEC}. SPEC is what {@link dev.embedkit.Embedkit#load}
 * takes (a built-in name, a folder, a hub id); NAME is what clients send as {@code model}. Without NAME a folder is
 * served under its folder name and anything else under SPEC itself.
 */
public record ModelSpec(String name, String source) {
  public ModelSpec {
    if (name == null || name.isBlank() || source == null || source.isBlank()) {
      throw new IllegalArgumentException("a model needs a name and a source; name=" + name + " source=" + source);
    }
  }

  public static ModelSpec parse(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty model spec; give NAME, PATH, ORG/NAME or SERVED_NAME=SPEC");
    }
    int eq = value.indexOf('=');
    if (eq > 0) {
      return new ModelSpec(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
    }
    String source = value.strip();
    Path path = Path.of(source);
    boolean folder = BuiltinPack.find(source).isEmpty() && Files.isDirectory(path) && path.getFileName() != null;
    return new ModelSpec(folder ? path.getFileName().toString() : source, source);
  }
}
