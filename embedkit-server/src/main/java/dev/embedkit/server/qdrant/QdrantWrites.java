package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.StoredDocument;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Qdrant API's writes: upserts (vectors, and Documents and Images embedded through the embedding service), deletes
 * by id or filter, and the payload edits. Each is applied and durable before its answer.
 */
final class QdrantWrites {
  private final QdrantCalls calls;
  private final QdrantEmbedder embedder;

  QdrantWrites(QdrantCalls calls, QdrantEmbedder embedder) {
    this.calls = calls;
    this.embedder = embedder;
  }

  /**
   * Documents and Images are embedded outside the collection (its lock held only to read its config and to write), so
   * a drop or close waiting on the collection does not hold every other request on it through the inference. A
   * collection with its own model embeds under the lock as before (it may embed the text itself).
   */
  void upsert(Context ctx, Admission.Ticket ticket) {
    List<QdrantPoints.Point> points = QdrantPoints.upsert(calls.body(ctx));
    CollectionConfig config = calls.use(ctx, Collection::config);
    List<Document> embedded = config.model() == null ? documents(config, points, ticket) : null;
    calls.use(ctx, c -> {
      if (embedded == null || c.config().model() != null) { // its own model (or dropped and made again with one)
        c.upsert(documents(c.config(), points, ticket));
      } else {
        for (int i = 0; i < embedded.size(); i++) { // the collection may have been made again meanwhile
          if (embedded.get(i).vector() != null) {
            QdrantPoints.checkDimensions(c.config(), embedded.get(i).vector(), "points[" + i + "].vector");
          }
        }
        c.upsert(embedded);
      }
      return null;
    });
    calls.completed(ctx);
  }

  /**
   * The points as store documents: vectors checked, Documents and Images embedded through the embedding service (or,
   * on a collection with its own model the server does not serve, left to the collection).
   */
  private List<Document> documents(CollectionConfig config, List<QdrantPoints.Point> points, Admission.Ticket ticket) {
    Map<String, List<Integer>> texts = new LinkedHashMap<>();
    Map<String, List<Integer>> images = new LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      String path = "points[" + i + "].vector";
      QdrantPoints.VectorInput input = points.get(i).vector();
      if (input.document() != null) {
        String model = input.document().model();
        if (QdrantEmbedder.isBm25(model)) {
          throw ServerException.invalid("'" + path + "' is a qdrant/bm25 Document: BM25 needs no stored vector here"
              + " (keyword search runs over the text of the points' dense Documents); send the text as a Document of"
              + " the dense model", "points");
        }
        if (!embedder.collectionEmbeds(config, model, path) || embedder.serves(model)) {
          texts.computeIfAbsent(model, m -> new ArrayList<>()).add(i);
        }
      } else if (input.image() != null) {
        String model = input.image().model();
        if (!embedder.collectionEmbeds(config, model, path) || embedder.serves(model)) {
          images.computeIfAbsent(model, m -> new ArrayList<>()).add(i);
        } else if (!QdrantEmbedder.reference(input.image().image())) {
          throw ServerException.invalid("'" + path + ".image': collection '" + config.name() + "' embeds with "
              + model + ", which the server does not serve, so the picture must be an http(s) URL or a data URI"
              + " (or serve the model)", "points");
        }
      }
    }
    float[][] vectors = new float[points.size()][];
    for (Map.Entry<String, List<Integer>> model : texts.entrySet()) {
      List<String> given = model.getValue().stream().map(i -> points.get(i).vector().document().text()).toList();
      fill(vectors, model.getValue(), embedder.embed(ticket, model.getKey(), given, false, "points"));
    }
    for (Map.Entry<String, List<Integer>> model : images.entrySet()) {
      List<String> given = model.getValue().stream().map(i -> points.get(i).vector().image().image()).toList();
      fill(vectors, model.getValue(), embedder.embedImages(ticket, model.getKey(), given, "points"));
    }
    List<Document> documents = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      QdrantPoints.Point point = points.get(i);
      QdrantPoints.VectorInput input = point.vector();
      float[] vector = input.vector() != null ? input.vector() : vectors[i];
      if (vector != null) {
        QdrantPoints.checkDimensions(config, vector, "points[" + i + "].vector");
      }
      String text = input.document() == null ? null : input.document().text();
      String image = input.image() != null && QdrantEmbedder.reference(input.image().image())
          ? input.image().image() : null;
      try {
        documents.add(new Document(point.id(), text, point.payload(), vector, image));
      } catch (EmbedkitException e) {
        throw ServerException.invalid("'points[" + i + "].payload': " + e.getMessage(), "points");
      }
    }
    return documents;
  }

  private static void fill(float[][] vectors, List<Integer> at, List<float[]> embedded) {
    for (int j = 0; j < at.size(); j++) {
      vectors[at.get(j)] = embedded.get(j);
    }
  }

  void delete(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = calls.body(ctx);
    QdrantFilter.onlyKeys(body, "the delete", "points", "filter", "shard_key");
    boolean byIds = body.hasNonNull("points");
    if (byIds == body.hasNonNull("filter")) {
      throw ServerException.malformed("give 'points' (a list of ids) or 'filter', one of them", "points");
    }
    if (byIds) {
      JsonNode ids = body.get("points");
      if (!ids.isArray()) {
        throw ServerException.malformed("'points' must be a list of point ids; got " + Json.kind(ids), "points");
      }
      List<String> parsed = new ArrayList<>();
      ids.forEach(id -> parsed.add(QdrantIds.parse(id)));
      calls.use(ctx, c -> c.delete(parsed));
    } else {
      QdrantFilter given = QdrantFilter.of(body.get("filter"), "filter");
      calls.use(ctx, c -> {
        QdrantFilter filter = given.resolve(c.info().fields());
        if (filter == null) {
          return 0L;
        }
        if (filter.restricted()) {
          List<String> ids = QdrantScroll.scroll(c, filter, null, Integer.MAX_VALUE, false).stream()
              .map(StoredDocument::id).toList();
          return ids.isEmpty() ? 0L : c.delete(ids);
        }
        return filter.filter() == null ? c.clear() : c.delete(filter.filter());
      });
    }
    calls.completed(ctx);
  }

  /** The payload operations: each rewrites the selected points with their text and vector kept. */
  enum PayloadEdit {
    SET, OVERWRITE, DELETE, CLEAR
  }

  void payload(Context ctx, PayloadEdit edit) {
    ObjectNode body = calls.body(ctx);
    switch (edit) {
      case SET, OVERWRITE -> QdrantFilter.onlyKeys(body, "the payload update", "payload", "points", "filter", "key",
          "shard_key");
      case DELETE -> QdrantFilter.onlyKeys(body, "the payload delete", "keys", "points", "filter", "shard_key");
      case CLEAR -> QdrantFilter.onlyKeys(body, "the payload clear", "points", "filter", "shard_key");
    }
    // 'key' sets the payload inside the nested object at that path, as Qdrant does
    String prefix = "";
    if (body.hasNonNull("key")) {
      JsonNode key = body.get("key");
      if (!key.isTextual() || key.textValue().isBlank() || key.textValue().contains("[")) {
        throw ServerException.invalid("'key' must be a nested payload path such as \"metadata.source\" (no [] list"
            + " paths); got " + Json.kind(key), "key");
      }
      prefix = key.textValue() + ".";
    }
    Map<String, Object> given = new LinkedHashMap<>();
    if (edit == PayloadEdit.SET || edit == PayloadEdit.OVERWRITE) {
      Map<String, Object> payload = QdrantPayload.metadata(QdrantCalls.required(body, "payload"), "payload");
      for (Map.Entry<String, Object> field : payload.entrySet()) {
        given.put(prefix + field.getKey(), field.getValue());
      }
    }
    // a set replaces each given top-level value whole (an object's old fields go with it)
    Set<String> replaced = QdrantPayload.topLevel(given, prefix);
    List<String> keys = new ArrayList<>();
    if (edit == PayloadEdit.DELETE) {
      JsonNode list = QdrantCalls.required(body, "keys");
      if (!list.isArray()) {
        throw ServerException.malformed("'keys' must be a list of payload keys; got " + Json.kind(list), "keys");
      }
      list.forEach(k -> keys.add(k.asText()));
    }
    boolean byIds = body.hasNonNull("points");
    if (byIds == body.hasNonNull("filter")) {
      throw ServerException.malformed("give 'points' (a list of ids) or 'filter', one of them", "points");
    }
    List<String> ids = new ArrayList<>();
    if (byIds) {
      JsonNode list = body.get("points");
      if (!list.isArray()) {
        throw ServerException.malformed("'points' must be a list of point ids; got " + Json.kind(list), "points");
      }
      list.forEach(id -> ids.add(QdrantIds.parse(id)));
    }
    QdrantFilter filter = byIds ? null : QdrantFilter.of(body.get("filter"), "filter");
    calls.use(ctx, c -> {
      List<StoredDocument> selected = byIds ? c.get(ids, true)
          : QdrantScroll.scroll(c, filter, null, Integer.MAX_VALUE, true);
      boolean external = c.config().externalVectors();
      for (int from = 0; from < selected.size(); from += QdrantScroll.SCROLL_BATCH) {
        List<Document> rewritten = new ArrayList<>();
        int to = Math.min(selected.size(), from + QdrantScroll.SCROLL_BATCH);
        for (StoredDocument document : selected.subList(from, to)) {
          Map<String, Object> metadata = new LinkedHashMap<>(edit == PayloadEdit.SET || edit == PayloadEdit.DELETE
              ? document.metadata() : Map.of());
          replaced.forEach(key -> QdrantPayload.remove(metadata, key));
          metadata.putAll(given);
          keys.forEach(key -> QdrantPayload.remove(metadata, key));
          // a model collection embeds its text again (its chunks are not all kept in one vector)
          rewritten.add(new Document(document.id(), document.text(), metadata,
              external || document.text() == null ? document.vector() : null, document.image()));
        }
        c.upsert(rewritten);
      }
      return null;
    });
    calls.completed(ctx);
  }
}
