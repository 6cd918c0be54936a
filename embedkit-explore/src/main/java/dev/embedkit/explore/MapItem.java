package dev.embedkit.explore;

import java.util.Map;

/**
 * One input of a map: what a point shows. Its vector is given beside it.
 *
 * @param id the input's id (a document id, a file's path, or its number)
 * @param text its text (what hover shows, labels quote and cluster names are drawn from), or an image's file name
 * @param metadata fields the HTML map can colour by; empty when none
 * @param thumbnail a small PNG of the image it stands for, or null
 */
public record MapItem(String id, String text, Map<String, Object> metadata, byte[] thumbnail) {
  /** Hover and labels show at most this much of a text; a map of 100,000 long documents stays a loadable file. */
  public static final int MAXIMUM_TEXT_CHARS = 500;

  public MapItem {
    text = text == null ? "" : text.length() > MAXIMUM_TEXT_CHARS ? text.substring(0, MAXIMUM_TEXT_CHARS - 1) + "…" : text;
    metadata = metadata == null ? Map.of() : metadata;
  }

  public static MapItem text(String id, String text) {
    return new MapItem(id, text, Map.of(), null);
  }
}
