package dev.embedkit.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedkit.explore.render.MapCluster;
import dev.embedkit.explore.render.MapPoint;
import dev.embedkit.explore.render.SpaceMap;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * A collection's map as JSON, for the web page:
 * {@code {"title", "caption", "method", "points": [{"id", "x", "y", "cluster", "text", "metadata", "thumbnail"}],
 * "clusters": [{"id", "name", "terms", "size", "central": [ids]}]}}. A point's cluster is -1 when it is in none;
 * thumbnails (base64 PNG) only when asked for.
 */
final class MapJson {
  private MapJson() {}

  static void write(JsonGenerator json, SpaceMap map, boolean thumbnails) throws IOException {
    json.writeStartObject();
    json.writeStringField("title", map.title());
    json.writeStringField("caption", map.caption());
    json.writeStringField("method", map.method());
    json.writeArrayFieldStart("points");
    for (MapPoint p : map.points()) {
      json.writeStartObject();
      json.writeStringField("id", p.id());
      json.writeNumberField("x", p.x());
      json.writeNumberField("y", p.y());
      json.writeNumberField("cluster", p.cluster());
      json.writeStringField("text", p.text());
      if (!p.metadata().isEmpty()) {
        json.writeObjectFieldStart("metadata");
        for (Map.Entry<String, Object> e : p.metadata().entrySet()) {
          json.writeFieldName(e.getKey());
          json.writeObject(e.getValue());
        }
        json.writeEndObject();
      }
      if (thumbnails && p.thumbnail() != null) {
        json.writeStringField("thumbnail", Base64.getEncoder().encodeToString(p.thumbnail()));
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("clusters");
    for (MapCluster c : map.clusters()) {
      json.writeStartObject();
      json.writeNumberField("id", c.id());
      json.writeStringField("name", c.name());
      json.writeArrayFieldStart("terms");
      for (String t : c.terms()) {
        json.writeString(t);
      }
      json.writeEndArray();
      json.writeNumberField("size", c.size());
      json.writeArrayFieldStart("central");
      for (int i : c.central()) {
        json.writeString(map.points().get(i).id());
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
