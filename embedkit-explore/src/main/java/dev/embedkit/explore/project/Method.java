package dev.embedkit.explore.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a map projects vectors to two dimensions. */
public enum Method {
  PCA,
  UMAP,
  TSNE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Method fromString(String value) {
    for (Method m : values()) {
      if (m.id().equalsIgnoreCase(value.trim()) || (m == TSNE && value.trim().equalsIgnoreCase("t-sne"))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown projection method '" + value + "'; valid methods are: "
        + Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", ")));
  }
}
