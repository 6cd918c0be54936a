package dev.embedkit.solr;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.Quantization;
import java.util.Map;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * Creates, opens and drops embedkit collections on SolrCloud. A collection's settings ({@link CollectionConfig}) are
 * kept as JSON in the Solr collection property {@code embedkit.config}, so any process can open it by its Solr name.
 *
 * <pre>{@code
 * Map<String, String> where = Map.of("zk", "zk1:2181,zk2:2181/solr");
 * try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2");
 *      SolrCollection docs = SolrCollections.open(where, "docs", model)) {
 *   docs.search(SearchRequest.of(Query.text("how do I reset my password")).withTopK(5));
 * }
 * }</pre>
 */
public final class SolrCollections {
  /** The Solr collection property holding embedkit's settings ({@code collection.json}'s JSON). */
  static final String PROPERTY = "embedkit.config";
  private SolrCollections() {}

  /**
   * Opens an existing collection by its Solr name, reading its settings from the collection property.
   *
   * @param location {@code solr} (base URLs) or {@code zk} (ZooKeeper hosts); see {@link SolrLocation}
   * @param remoteName the Solr collection's name
   * @param modelOrNull the collection's model (its fingerprint is checked), or null: external-vector collections, or
   *     reading and searching by vector only
   */
  public static SolrCollection open(Map<String, String> location, String remoteName, EmbeddingModel modelOrNull) {
    CollectionConfig.checkName(remoteName);
    SolrLocation parsed = SolrLocation.parse(location);
    SolrCluster cluster = SolrCluster.connect(parsed);
    try {
      if (cluster.collection(remoteName) == null) {
        throw EmbedkitException.notFound("SolrCloud at " + parsed.describe() + " has no collection '" + remoteName
            + "'");
      }
      String json = cluster.properties(remoteName).get(PROPERTY);
      if (json == null) {
        throw EmbedkitException.notFound("Solr collection '" + remoteName + "' is not an embedkit collection (it has"
            + " no " + PROPERTY + " property); create it with embedkit");
      }
      CollectionConfig config = CollectionConfig.fromJson(json, "property " + PROPERTY + " of Solr collection '"
          + remoteName + "'");
      return open(cluster, remoteName, config, modelOrNull, false);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Opens with known settings (the backend's open): the remote vector field must match them. */
  static SolrCollection open(CollectionConfig config, SolrLocation location, EmbeddingModel model) {
    SolrCluster cluster = SolrCluster.connect(location);
    try {
      String remote = location.remoteName(config.name());
      if (cluster.collection(remote) == null) {
        throw EmbedkitException.notFound("SolrCloud at " + location.describe() + " has no collection '" + remote
            + "' (for embedkit collection '" + config.name() + "')");
      }
      return open(cluster, remote, config, model, false);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static SolrCollection open(SolrCluster cluster, String remote, CollectionConfig config,
      EmbeddingModel model, boolean requireModel) {
    checkModel(config, model, requireModel);
    checkVectorField(cluster, remote, config);
    return new SolrCollection(cluster, remote, config, model);
  }

  /**
   * Creates the Solr collection (configset {@code embedkit.REMOTE}, {@code shards} x {@code replicas}, routed by
   * document id) and records the settings in its property. An existing Solr collection is taken over only when
   * embedkit made it with the same settings (model, dimensions, similarity, graph, chunking, analyzer: registering it
   * in another collections folder); anything else is a CONFLICT, so another model's vectors or a collection embedkit
   * did not make are never mixed in (or dropped later).
   */
  static SolrCollection create(CollectionConfig config, SolrLocation location, EmbeddingModel model) {
    checkModel(config, model, true);
    if (config.quantization() != Quantization.NONE) {
      throw EmbedkitException.unsupported("the solr backend stores float32 vectors only; quantization "
          + config.quantization().name().toLowerCase(java.util.Locale.ROOT)
          + " is not supported there (accepted: none)");
    }
    SolrConfigset.similarity(config.similarity());
    SolrCluster cluster = SolrCluster.connect(location);
    String remote = location.remoteName(config.name());
    try {
      if (cluster.collection(remote) != null) {
        adopt(cluster, remote, config);
      } else {
        String configset = SolrConfigset.name(remote);
        byte[] zip = SolrConfigset.zip(config);
        cluster.call("cannot upload configset '" + configset + "'", () -> new ConfigSetAdminRequest.Upload()
            .setConfigSetName(configset).setOverwrite(true).setCleanup(true)
            .setUploadStream(new ContentStreamBase.ByteArrayStream(zip, configset + ".zip", "application/zip"))
            .process(cluster.client()));
        cluster.call("cannot create Solr collection '" + remote + "'", () -> {
          var create = CollectionAdminRequest.createCollection(remote, configset, location.shards(),
              location.replicas()).setRouterField(SolrFields.DOC_ID);
          create.setWaitForFinalState(true);
          return create.process(cluster.client());
        });
      }
      cluster.call("cannot record embedkit's settings on Solr collection '" + remote + "'",
          () -> CollectionAdminRequest.setCollectionProperty(remote, PROPERTY, config.toJson())
              .process(cluster.client()));
      return new SolrCollection(cluster, remote, config, model);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static void adopt(SolrCluster cluster, String remote, CollectionConfig config) {
    String json = cluster.properties(remote).get(PROPERTY);
    if (json == null) {
      throw EmbedkitException.conflict("Solr collection '" + remote + "' already exists and was not made by embedkit"
          + " (no " + PROPERTY + " property); pick another name with the collection key");
    }
    CollectionConfig recorded = CollectionConfig.fromJson(json, "property " + PROPERTY + " of Solr collection '"
        + remote + "'");
    if (!java.util.Objects.equals(recorded.model(), config.model()) || recorded.dimensions() != config.dimensions()
        || recorded.similarity() != config.similarity() || !recorded.hnsw().equals(config.hnsw())
        || !recorded.chunking().equals(config.chunking()) || !recorded.analyzer().equals(config.analyzer())) {
      throw EmbedkitException.conflict("Solr collection '" + remote + "' already exists with other settings ("
          + (recorded.model() == null ? "external vectors" : "model " + recorded.model().name()) + ", "
          + recorded.dimensions() + " dimensions); open it with its own settings, drop it, or pick another name with"
          + " the collection key");
    }
    checkVectorField(cluster, remote, config);
  }

  /** Deletes the Solr collection and its configset; a missing one is not an error. */
  static void drop(CollectionConfig config, SolrLocation location) {
    try (SolrCluster cluster = SolrCluster.connect(location)) {
      String remote = location.remoteName(config.name());
      if (cluster.collection(remote) != null) {
        cluster.call("cannot delete Solr collection '" + remote + "'",
            () -> CollectionAdminRequest.deleteCollection(remote).process(cluster.client()));
      }
      try {
        cluster.call("cannot delete configset '" + SolrConfigset.name(remote) + "'",
            () -> new ConfigSetAdminRequest.Delete().setConfigSetName(SolrConfigset.name(remote))
                .process(cluster.client()));
      } catch (EmbedkitException e) {
        if (e.kind() != dev.embedkit.ErrorKind.NOT_FOUND && e.kind() != dev.embedkit.ErrorKind.INVALID_INPUT) {
          throw e;
        }
      }
    }
  }

  private static void checkModel(CollectionConfig config, EmbeddingModel model, boolean requireModel) {
    if (config.model() == null) {
      if (model != null) {
        throw EmbedkitException.invalidInput("collection '" + config.name() + "' holds external vectors of "
            + config.dimensions() + " dimensions; it takes no model (give vectors, not " + model.info().name() + ")");
      }
      return;
    }
    if (model == null) {
      if (requireModel) {
        throw EmbedkitException.invalidInput("collection '" + config.name() + "' needs its model "
            + config.model().name() + " to write or to embed queries");
      }
      return;
    }
    ModelFingerprint.check(config, model.info());
  }

  /**
   * Checks the Solr collection's vector field against the settings: its dimensions and similarity, in one line that
   * names both (a 768-d collection opened for a 384-d model, say).
   */
  static void checkVectorField(SolrCluster cluster, String remote, CollectionConfig config) {
    Map<String, Object> field = cluster.call("cannot read the schema of Solr collection '" + remote + "'",
        () -> new SchemaRequest.Field(SolrFields.VECTOR).process(cluster.client(), remote).getField());
    Object typeName = field == null ? null : field.get("type");
    if (typeName == null) {
      throw EmbedkitException.invalidInput("Solr collection '" + remote + "' has no '" + SolrFields.VECTOR
          + "' field; it was not made by embedkit");
    }
    Map<String, Object> type = cluster.call("cannot read the schema of Solr collection '" + remote + "'",
        () -> new SchemaRequest.FieldType(typeName.toString()).process(cluster.client(), remote).getFieldType()
            .getAttributes());
    String dimensions = String.valueOf(type.get("vectorDimension"));
    String similarity = String.valueOf(type.get("similarityFunction")).toLowerCase(java.util.Locale.ROOT);
    String expected = SolrConfigset.similarity(config.similarity());
    if (!dimensions.equals(Integer.toString(config.dimensions())) || !similarity.equals(expected)) {
      throw EmbedkitException.invalidInput("Solr collection '" + remote + "' holds " + dimensions + "-dimensional "
          + similarity + " vectors; collection '" + config.name() + "' needs " + config.dimensions() + "-dimensional "
          + expected + " vectors" + (config.model() == null ? "" : " (model " + config.model().name() + ")"));
    }
  }
}
