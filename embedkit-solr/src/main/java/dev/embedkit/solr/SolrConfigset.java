package dev.embedkit.solr;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.vector.Metric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configset a collection is created with: {@code configset/solrconfig.xml} as shipped, and
 * {@code configset/schema.xml} with the vector field's dimensions, similarity and HNSW settings and the BM25 analyzer
 * filled in from the collection's settings. One configset per collection ({@code embedkit.REMOTE}), since those
 * settings differ between collections; uploaded as a zip through the Configsets API.
 */
final class SolrConfigset {
  private SolrConfigset() {}

  static String name(String remote) {
    return "embedkit." + remote;
  }

  /** Solr's name of a similarity ({@code similarityFunction} of DenseVectorField). */
  static String similarity(Metric metric) {
    return switch (metric) {
      case COSINE -> "cosine";
      case DOT -> "dot_product";
      case EUCLIDEAN -> "euclidean";
      case MANHATTAN -> throw EmbedkitException.unsupported("Solr's DenseVectorField has no manhattan similarity;"
          + " accepted: cosine, dot, euclidean");
    };
  }

  static String schema(CollectionConfig config) {
    String analyzer = config.analyzer().equals("standard") ? "org.apache.lucene.analysis.standard.StandardAnalyzer"
        : "org.apache.lucene.analysis.en.EnglishAnalyzer";
    return resource("schema.xml")
        .replace("${analyzer}", analyzer)
        .replace("${dimensions}", Integer.toString(config.dimensions()))
        .replace("${similarity}", similarity(config.similarity()))
        .replace("${m}", Integer.toString(config.hnsw().m()))
        .replace("${beamWidth}", Integer.toString(config.hnsw().beamWidth()));
  }

  /** The configset as a zip: solrconfig.xml and the collection's schema.xml. */
  static byte[] zip(CollectionConfig config) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("solrconfig.xml"));
      zip.write(resource("solrconfig.xml").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("schema.xml"));
      zip.write(schema(config).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String resource(String file) {
    try (InputStream in = SolrConfigset.class.getResourceAsStream("configset/" + file)) {
      if (in == null) {
        throw new IllegalStateException("configset/" + file + " is missing from embedkit-solr's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
