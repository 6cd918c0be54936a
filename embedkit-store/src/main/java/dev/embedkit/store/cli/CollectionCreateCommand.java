package dev.embedkit.store.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Quantization;
import dev.embedkit.vector.Metric;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit collection create NAME}: a new, empty collection that records its model (name and fingerprint), so
 * that it is always written and searched with that model.
 */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Create an empty collection for a model's vectors (or for external vectors with --dimensions).")
public final class CollectionCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Parameters(paramLabel = "NAME", description = "1 to 64 letters, digits, '_', '-' or '.'.")
  String name;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "The model that embeds its documents and queries: built-in name, hub alias or folder "
          + "(default: all-minilm-l6-v2). Recorded: every later command uses it.")
  String model;

  @Option(names = "--dimensions", paramLabel = "N",
      description = "No model: a collection of vectors you give yourself (external vectors), of N dimensions.")
  Integer dimensions;

  @Option(names = "--similarity", paramLabel = "METRIC",
      description = "cosine, dot or euclidean (default: the model's own; cosine without a model).")
  String similarity;

  @Option(names = "--hnsw-m", paramLabel = "M", description = "HNSW neighbours per node, 2 to 512 (default: 16).")
  Integer hnswM;

  @Option(names = "--hnsw-beam-width", paramLabel = "N",
      description = "HNSW candidates kept while building, 2 to 3200 (default: 100).")
  Integer hnswBeamWidth;

  @Option(names = "--quantization", paramLabel = "Q",
      description = "Vectors in the graph: none, int7 or int4 (scalar quantised; raw floats kept for rescoring). "
          + "Default: none.")
  String quantization;

  @Option(names = "--chunk-tokens", paramLabel = "N",
      description = "Split texts into chunks of N tokens (default: 0, the model's window); -1: no splitting, a long"
          + " text is cut at the window as 'embedkit embed' does.")
  Integer chunkTokens;

  @Option(names = "--chunk-overlap", paramLabel = "N",
      description = "Tokens neighbouring chunks share, less than half a chunk (default: 32).")
  Integer chunkOverlap;

  @Option(names = "--analyzer", paramLabel = "NAME",
      description = "Keyword analyzer for hybrid search: english or standard (default: english).")
  String analyzer;

  @Option(names = "--backend", paramLabel = "NAME", defaultValue = "embedded",
      description = "Where the collection lives: embedded (Lucene, in the collections folder; the default) or solr"
          + " (a SolrCloud collection, with --solr or --zk). Later commands find it by NAME as usual.")
  String backend;

  @Option(names = "--solr", paramLabel = "URL[,URL...]",
      description = "solr backend: base URLs of SolrCloud nodes, e.g. http://host:8983/solr.")
  String solr;

  @Option(names = "--zk", paramLabel = "HOSTS",
      description = "solr backend: ZooKeeper hosts of the SolrCloud cluster, e.g. zk1:2181,zk2:2181/solr.")
  String zk;

  @Option(names = "--shards", paramLabel = "N", description = "solr backend: shards of the new Solr collection (default 1).")
  Integer shards;

  @Option(names = "--replicas", paramLabel = "N",
      description = "solr backend: replicas of each shard, on different nodes (default 1).")
  Integer replicas;

  @Option(names = "--backend-option", paramLabel = "KEY=VALUE",
      description = "Another setting of the backend (solr: collection=REMOTE_NAME, the Solr collection's name;"
          + " default NAME).")
  Map<String, String> backendOptions = new LinkedHashMap<>();

  @Override
  public Integer call() {
    if (model != null && dimensions != null) {
      throw EmbedkitException.invalidInput("give --model (its vectors set the dimensions) or --dimensions (external"
          + " vectors), not both");
    }
    CollectionSpec request = dimensions != null ? CollectionSpec.external(name, dimensions)
        : CollectionSpec.of(name, model != null ? model : Embedkit.DEFAULT_MODEL);
    if (similarity != null) {
      request = request.withSimilarity(Metric.fromString(similarity));
    }
    if (hnswM != null || hnswBeamWidth != null) {
      request = request.withHnsw(new HnswSettings(hnswM != null ? hnswM : HnswSettings.DEFAULTS.m(),
          hnswBeamWidth != null ? hnswBeamWidth : HnswSettings.DEFAULTS.beamWidth()));
    }
    if (quantization != null) {
      request = request.withQuantization(Quantization.fromString(quantization));
    }
    if (chunkTokens != null && chunkTokens == ChunkSettings.TRUNCATE.maxTokens() && chunkOverlap == null) {
      request = request.withChunking(ChunkSettings.TRUNCATE);
    } else if (chunkTokens != null || chunkOverlap != null) {
      ChunkSettings d = ChunkSettings.DEFAULTS;
      request = request.withChunking(new ChunkSettings(chunkTokens != null ? chunkTokens : d.maxTokens(),
          chunkOverlap != null ? chunkOverlap : d.overlapTokens(), d.sentenceAware()));
    }
    if (analyzer != null) {
      request = request.withAnalyzer(analyzer);
    }
    CollectionConfig.checkName(name); // before a model loads
    Map<String, String> where = new LinkedHashMap<>(backendOptions);
    if (solr != null) {
      where.put("solr", solr);
    }
    if (zk != null) {
      where.put("zk", zk);
    }
    if (shards != null) {
      where.put("shards", shards.toString());
    }
    if (replicas != null) {
      where.put("replicas", replicas.toString());
    }
    CollectionConfig config;
    String at;
    try (LoadedModels models = new LoadedModels();
        Collection created = location.collections(models).create(request, backend, where)) {
      config = created.config();
      at = created.info().path() != null ? "at " + created.info().path() : "on " + backend + " " + where;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("created collection '" + config.name() + "' (" + (config.model() == null ? "external vectors"
        : config.model().name()) + ", " + config.dimensions() + " dimensions, " + Named.of(config.similarity())
        + ") " + at);
    out.flush();
    return 0;
  }
}
