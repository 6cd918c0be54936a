package dev.embedkit.store.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.Filter;

/** The {@code --filter} text, parsed. TEMPORARY until the filter branch's parser lands. */
final class FilterOption {
  private FilterOption() {}

  static Filter parse(String text) {
    throw EmbedkitException.unsupported("--filter needs the filter parser (not merged yet)");
  }
}
