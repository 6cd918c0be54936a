package dev.embedkit.bench;

import java.util.List;

/** What the benchmark times: one library's way of embedding a list of texts into float vectors. */
interface Embedder extends AutoCloseable {
  /** Float vectors in input order, through the library's public API as a user would call it. */
  List<float[]> embedAll(List<String> texts);

  /** Token counts per text (special tokens included), or null when the library does not say. */
  default int[] countTokens(List<String> texts) {
    return null;
  }

  /** How the library runs inference (threads, batch size), for the report. */
  String settings();

  @Override
  void close();
}
