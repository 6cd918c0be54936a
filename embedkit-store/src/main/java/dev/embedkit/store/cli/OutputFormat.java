package dev.embedkit.store.cli;

/** How a collection command prints what it found: an aligned table for people, or one JSON document. */
enum OutputFormat {
  TABLE, JSON
}
