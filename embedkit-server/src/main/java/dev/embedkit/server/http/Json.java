package dev.embedkit.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** Reading request bodies and writing JSON answers: bounded reads, strict parsing, one-line messages. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      // Schubfach: the shortest decimal that reads back as the same float, 2-3x faster than Float.toString on JDK 17
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Writes JSON field by field (large float arrays without a tree in between). */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  /**
   * The request body as a JSON object, read up to {@code limit} bytes (a longer body, chunked or not, is TOO_LARGE
   * without reading the rest into memory).
   */
  public static ObjectNode objectBody(Context ctx, long limit) {
    byte[] bytes = body(ctx, limit);
    if (bytes.length == 0) {
      throw ServerException.malformed("the request body is empty; send a JSON object", null);
    }
    return parseObject(bytes);
  }

  /** As {@link #objectBody}, but an empty body (or none) reads as {@code {}}: for requests with optional fields. */
  public static ObjectNode optionalObjectBody(Context ctx, long limit) {
    byte[] bytes = body(ctx, limit);
    return bytes.length == 0 ? object() : parseObject(bytes);
  }

  private static ObjectNode parseObject(byte[] bytes) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ServerException.malformed("the request body is not valid JSON: " + withoutSource(e.getOriginalMessage())
          + locate(e), null);
    } catch (IOException e) {
      throw ServerException.malformed("the request body could not be read: " + e.getMessage(), null);
    }
    if (node == null || !node.isObject()) {
      throw ServerException.malformed("the request body must be a JSON object; got " + kind(node), null);
    }
    return (ObjectNode) node;
  }

  /** Jackson names where an unclosed object began with a note on its own settings; keep the position only. */
  private static String withoutSource(String message) {
    return message == null ? "" : START_MARKER.matcher(message).replaceAll(" (opened at line $1, column $2)");
  }

  private static String locate(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /**
   * How much of a body over the limit is read and dropped before the 413 goes out (as Tomcat's maxSwallowSize). A
   * server that closes the connection with the client's bytes unread resets it, and a client still sending then
   * loses the answer (Java's HttpClient did, about one time in ten, up to 16 MiB); a body larger than this is cut off.
   */
  static final long MAX_DRAIN_BYTES = 16L << 20;

  static byte[] body(Context ctx, long limit) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limit) {
        if (declared <= MAX_DRAIN_BYTES) {
          drain(in, declared);
        }
        throw tooLarge(declared, limit);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buffer = new byte[16384];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > limit) {
          drain(in, MAX_DRAIN_BYTES - total);
          throw tooLarge(total, limit);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and drops the body of a request refused before it was read (a 429), up to the body limit, so the
   * connection stays usable and the client gets the answer rather than a reset.
   */
  public static void discardBody(Context ctx, long limit) {
    try (InputStream in = ctx.req().getInputStream()) {
      drain(in, Math.min(limit, MAX_DRAIN_BYTES));
    } catch (IOException e) {
      // the client stopped sending; the refusal is all that is left to say
    }
  }

  /** Reads and drops up to {@code most} bytes of what the client is still sending; its failures end the drain. */
  private static void drain(InputStream in, long most) {
    byte[] buffer = new byte[16384];
    try {
      for (long left = most; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException e) {
      // the client stopped sending; the 413 is all that is left to say
    }
  }

  private static ServerException tooLarge(long size, long limit) {
    return new ServerException(Problem.TOO_LARGE, "the request body is over the limit of " + limit + " bytes"
        + "; send fewer or smaller inputs (the server's --max-body-bytes)");
  }

  /** A JSON value's kind for messages: "a string", "an array", "null"... */
  public static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "binary data";
    };
  }

  public static void send(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void send(Context ctx, int status, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.status(status).contentType("application/json").result(out.toByteArray());
  }

  /**
   * A 200 in Qdrant's success envelope, {@code {"result", "status": "ok", "time"}}: the Qdrant-compatible API's, and
   * {@code /collections}' (which follows it).
   */
  public static void ok(Context ctx, Body result) {
    send(ctx, 200, json -> {
      json.writeStartObject();
      json.writeFieldName("result");
      result.write(json);
      json.writeStringField("status", "ok");
      json.writeNumberField("time", ServerApp.seconds(ctx));
      json.writeEndObject();
    });
  }

  /** Writes a float vector as a JSON array (each float in its shortest round-tripping form). */
  public static void floats(JsonGenerator json, float[] vector) throws IOException {
    json.writeStartArray();
    for (float v : vector) {
      json.writeNumber(v);
    }
    json.writeEndArray();
  }
}
