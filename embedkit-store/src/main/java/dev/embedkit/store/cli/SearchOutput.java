package dev.embedkit.store.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.SearchHit;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search results as {@code embedkit search} prints them. JSON: {@code {"results": [{"id", "score", "text",
 * "metadata", "chunk": {"index", "start", "end", "text"}, "image", "vector"}]}}, each part present when asked for and
 * held. Table: rank, score, id, the matching chunk's text on one line (or the document's), and metadata.
 */
final class SearchOutput {
  /** Text shown in a table cell, in code points. */
  static final int TEXT_WIDTH = 60;

  private SearchOutput() {}

  static ObjectNode json(List<SearchHit> hits) {
    ObjectNode root = CollectionJson.JSON.createObjectNode();
    ArrayNode results = root.putArray("results");
    for (SearchHit hit : hits) {
      ObjectNode node = results.addObject();
      node.put("id", hit.id());
      node.put("score", hit.score());
      if (hit.text() != null) {
        node.put("text", hit.text());
      }
      if (hit.metadata() != null) {
        node.set("metadata", CollectionJson.JSON.valueToTree(hit.metadata()));
      }
      if (hit.chunk() != null) {
        Chunk chunk = hit.chunk();
        node.putObject("chunk").put("index", chunk.index()).put("start", chunk.start()).put("end", chunk.end())
            .put("text", chunk.text());
      }
      if (hit.image() != null) {
        node.put("image", hit.image());
      }
      if (hit.vector() != null) {
        ArrayNode vector = node.putArray("vector");
        for (float v : hit.vector()) {
          vector.add(v);
        }
      }
    }
    return root;
  }

  static void print(List<SearchHit> hits, OutputFormat format, Granularity granularity, int offset, PrintWriter out)
      throws IOException {
    if (format == OutputFormat.JSON) {
      out.println(CollectionJson.JSON.writeValueAsString(json(hits)));
      return;
    }
    if (hits.isEmpty()) {
      out.println("no results");
      return;
    }
    boolean chunks = granularity == Granularity.CHUNKS;
    boolean metadata = hits.stream().anyMatch(h -> h.metadata() != null && !h.metadata().isEmpty());
    List<String> headers = new ArrayList<>(List.of("RANK", "SCORE", "ID"));
    if (chunks) {
      headers.add("CHUNK");
    }
    headers.add("TEXT");
    if (metadata) {
      headers.add("METADATA");
    }
    AlignedTable table = new AlignedTable(headers.toArray(String[]::new));
    int rank = offset;
    for (SearchHit hit : hits) {
      List<Object> cells = new ArrayList<>(List.of(++rank, String.format(Locale.ROOT, "%.4f", hit.score()), hit.id()));
      Chunk c = hit.chunk();
      if (chunks) {
        cells.add(c == null ? "" : c.index() + " [" + c.start() + "," + c.end() + ")");
      }
      cells.add(oneLine(c != null ? c.text() : hit.text() != null ? hit.text() : hit.image()));
      if (metadata) {
        cells.add(hit.metadata() == null ? "" : oneLine(CollectionJson.JSON.writeValueAsString(hit.metadata())));
      }
      table.row(cells.toArray());
    }
    table.print(out);
  }

  /** A text on one line, whitespace runs as one space, cut at {@value #TEXT_WIDTH} code points with an ellipsis. */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.codePointCount(0, flat.length()) <= TEXT_WIDTH) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, TEXT_WIDTH - 1)) + "…";
  }
}
