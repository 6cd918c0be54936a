package dev.embedkit.explore.render;

import java.util.Map;

/**
 * One point of a map.
 *
 * @param x map coordinate (any scale; renderers fit the map to the picture)
 * @param y map coordinate
 * @param cluster its cluster, or -1 (unclustered)
 * @param id the input's id (a document id, a file name, or its number)
 * @param text what hover shows and labels quote (a text, or an image's file name)
 * @param metadata fields to colour by in the HTML map (strings, numbers, booleans); empty when none
 * @param thumbnail a small PNG of the image this point stands for, or null for texts
 */
public record MapPoint(float x, float y, int cluster, String id, String text, Map<String, Object> metadata, byte[] thumbnail) {
  public MapPoint {
    metadata = metadata == null ? Map.of() : metadata;
  }
}
