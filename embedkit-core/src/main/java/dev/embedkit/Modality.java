package dev.embedkit;

/** What kind of input a model embeds. */
public enum Modality {
  TEXT,
  IMAGE
}
