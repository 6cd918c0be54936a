package dev.embedkit.store;

import java.util.Objects;

/** What a search looks for. */
public sealed interface Query permits Query.Text, Query.Image, Query.Vector, Query.LikeDocument, Query.Keywords {

  /** A text, embedded by the collection's model (its query prompt when it has one). */
  record Text(String text) implements Query {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image (path, URL, data URI or base64), for CLIP collections: image-to-image and image-to-text. */
  record Image(String source) implements Query {
    public Image {
      Objects.requireNonNull(source, "source");
    }
  }

  /** A vector of the collection's dimensions. */
  record Vector(float[] vector) implements Query {
    public Vector {
      Objects.requireNonNull(vector, "vector");
    }
  }

  /** "More like this": the stored vector of an existing document (its first chunk), the document itself left out. */
  record LikeDocument(String id) implements Query {
    public LikeDocument {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * Keywords only: BM25 over the documents' text, no vector (so external-vector collections take it too); hits are
   * scored by BM25 and a min score applies to that. Hybrid search is refused with it (it has no vector ranking).
   */
  record Keywords(String text) implements Query {
    public Keywords {
      Objects.requireNonNull(text, "text");
    }
  }

  static Query keywords(String text) {
    return new Keywords(text);
  }

  static Query text(String text) {
    return new Text(text);
  }

  static Query vector(float[] vector) {
    return new Vector(vector);
  }

  static Query image(String source) {
    return new Image(source);
  }

  static Query like(String id) {
    return new LikeDocument(id);
  }
}
