package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.store.Collection;
import dev.embedkit.store.StoredDocument;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Qdrant API's reads: points by id, scroll, count, and the Query and Search APIs, with Qdrant's record and scored
 * point shapes.
 */
final class QdrantReads {
  /** Scroll page size when the request names none (Qdrant's). */
  static final int DEFAULT_SCROLL_LIMIT = 10;

  private final QdrantCalls calls;
  private final QdrantEmbedder embedder;

  QdrantReads(QdrantCalls calls, QdrantEmbedder embedder) {
    this.calls = calls;
    this.embedder = embedder;
  }

  void retrieve(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = calls.body(ctx);
    QdrantFilter.onlyKeys(body, "the retrieve", "ids", "with_payload", "with_vector", "shard_key");
    JsonNode ids = body.get("ids");
    if (ids == null || !ids.isArray()) {
      throw ServerException.malformed("'ids' must be a list of point ids; got " + Json.kind(ids), "ids");
    }
    List<String> wanted = new ArrayList<>();
    ids.forEach(id -> wanted.add(QdrantIds.parse(id)));
    QdrantPayload.Selector payload = QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.ALL,
        "with_payload");
    boolean withVector = QdrantPayload.withVector(body.get("with_vector"), false, "with_vector");
    List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(wanted));
    List<StoredDocument> found = calls.use(ctx, c -> c.get(distinct, withVector));
    Json.ok(ctx, json -> {
      json.writeStartArray();
      for (StoredDocument document : found) {
        record(json, document, payload, withVector);
      }
      json.writeEndArray();
    });
  }

  void point(Context ctx, Admission.Ticket ticket) {
    String raw = ctx.pathParam("id");
    JsonNode node = raw.matches("[0-9]{1,20}") ? BigIntegerNode.valueOf(new BigInteger(raw)) : TextNode.valueOf(raw);
    String id = QdrantIds.parse(node);
    Optional<StoredDocument> found = calls.use(ctx, c -> c.get(id, true));
    StoredDocument document = found.orElseThrow(() -> new ServerException(Problem.MODEL_NOT_FOUND,
        "Not found: No point with id " + QdrantIds.shown(id) + " found"));
    Json.ok(ctx, json -> record(json, document, QdrantPayload.Selector.ALL, true));
  }

  void scroll(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = calls.optionalBody(ctx);
    QdrantFilter.onlyKeys(body, "the scroll", "offset", "limit", "filter", "with_payload", "with_vector", "order_by",
        "shard_key");
    if (body.hasNonNull("order_by")) {
      throw ServerException.invalid("'order_by' is not supported; points scroll in id order", "order_by");
    }
    String offset = body.hasNonNull("offset") ? QdrantIds.parse(body.get("offset")) : null;
    int limit = QdrantQuery.positive(body, "limit", DEFAULT_SCROLL_LIMIT);
    QdrantFilter filter = QdrantFilter.of(body.get("filter"), "filter");
    QdrantPayload.Selector payload = QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.ALL,
        "with_payload");
    boolean withVector = QdrantPayload.withVector(body.get("with_vector"), false, "with_vector");
    List<StoredDocument> page = calls.use(ctx, c -> QdrantScroll.scroll(c, filter, offset, limit + 1, withVector));
    String next = page.size() > limit ? page.get(limit).id() : null;
    List<StoredDocument> shown = page.size() > limit ? page.subList(0, limit) : page;
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("points");
      for (StoredDocument document : shown) {
        record(json, document, payload, withVector);
      }
      json.writeEndArray();
      json.writeFieldName("next_page_offset");
      if (next == null) {
        json.writeNull();
      } else {
        QdrantIds.write(json, next);
      }
      json.writeEndObject();
    });
  }

  void count(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = calls.optionalBody(ctx);
    QdrantFilter.onlyKeys(body, "the count", "filter", "exact", "shard_key");
    QdrantFilter given = QdrantFilter.of(body.get("filter"), "filter");
    long count = calls.use(ctx, c -> {
      QdrantFilter filter = given.resolve(c.info().fields());
      if (filter == null) {
        return 0L;
      }
      if (filter.ids() != null) {
        return c.get(List.copyOf(filter.ids()), false).stream().filter(filter::matches).count();
      }
      long all = filter.filter() == null ? c.count() : c.count(filter.filter());
      long excluded = filter.excluded().isEmpty() ? 0 : c.get(List.copyOf(filter.excluded()), false).stream()
          .filter(d -> filter.filter() == null || dev.embedkit.store.filter.FilterEvaluator.matches(filter.filter(),
              d.metadata())).count();
      return all - excluded;
    });
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("count", count);
      json.writeEndObject();
    });
  }

  void query(Context ctx, Admission.Ticket ticket) {
    QdrantQuery.Request request = QdrantQuery.query(calls.body(ctx));
    List<Hit> hits = calls.use(ctx, c -> hits(c, request, ticket));
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeFieldName("points");
      scored(json, hits, request);
      json.writeEndObject();
    });
  }

  void search(Context ctx, Admission.Ticket ticket) {
    QdrantQuery.Request request = QdrantQuery.search(calls.body(ctx));
    List<Hit> hits = calls.use(ctx, c -> hits(c, request, ticket));
    Json.ok(ctx, json -> scored(json, hits, request));
  }

  /** A point found, with its stored document when the answer shows payload or vector. */
  private record Hit(QdrantQuery.Scored scored, StoredDocument document) {}

  private List<Hit> hits(Collection c, QdrantQuery.Request request, Admission.Ticket ticket) {
    List<QdrantQuery.Scored> ranked = QdrantQuery.run(c, request, embedder, ticket);
    Map<String, StoredDocument> documents = new LinkedHashMap<>();
    if (!ranked.isEmpty() && (request.payload().any() || request.withVector())) {
      for (StoredDocument d : c.get(ranked.stream().map(QdrantQuery.Scored::id).toList(), request.withVector())) {
        documents.put(d.id(), d);
      }
    }
    return ranked.stream().map(s -> new Hit(s, documents.get(s.id()))).toList();
  }

  private static void scored(JsonGenerator json, List<Hit> hits, QdrantQuery.Request request) throws IOException {
    json.writeStartArray();
    for (Hit hit : hits) {
      json.writeStartObject();
      json.writeFieldName("id");
      QdrantIds.write(json, hit.scored().id());
      json.writeNumberField("version", 0);
      json.writeNumberField("score", (float) hit.scored().score());
      json.writeFieldName("payload");
      if (request.payload().any() && hit.document() != null) {
        QdrantPayload.write(json, hit.document().metadata(), request.payload());
      } else {
        json.writeNull();
      }
      json.writeFieldName("vector");
      if (request.withVector() && hit.document() != null && hit.document().vector() != null) {
        Json.floats(json, hit.document().vector());
      } else {
        json.writeNull();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void record(JsonGenerator json, StoredDocument document, QdrantPayload.Selector payload,
      boolean withVector) throws IOException {
    json.writeStartObject();
    json.writeFieldName("id");
    QdrantIds.write(json, document.id());
    json.writeFieldName("payload");
    if (payload.any()) {
      QdrantPayload.write(json, document.metadata(), payload);
    } else {
      json.writeNull();
    }
    json.writeFieldName("vector");
    if (withVector && document.vector() != null) {
      Json.floats(json, document.vector());
    } else {
      json.writeNull();
    }
    json.writeEndObject();
  }
}
