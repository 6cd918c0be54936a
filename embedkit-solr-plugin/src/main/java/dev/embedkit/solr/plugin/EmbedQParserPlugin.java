package dev.embedkit.solr.plugin;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;

/**
 * The {@code embed} query parser: {@code {!embed f=vector topK=10}free text} embeds the text with the configured
 * model (its query prompt when it has one) and is then Solr's own {@code {!knn}} with that vector, so topK (per shard)
 * and filter queries as pre-filters behave as Solr documents them.
 *
 * <pre>{@code
 * <queryParser name="embed" class="dev.embedkit.solr.plugin.EmbedQParserPlugin">
 *   <str name="model">all-minilm-l6-v2</str>
 * </queryParser>
 * }</pre>
 *
 * Arguments: model, threads, dimensions, promptName (default: the model's query prompt), cacheSize (query vectors
 * kept per node, default {@value QueryVectorCache#DEFAULT_SIZE}). The model loads with the core, so a model that
 * cannot load fails the core at load time.
 */
public class EmbedQParserPlugin extends QParserPlugin {
  public static final String NAME = "embed";

  /** One cache per node (CoreContainer), shared by its cores; weak so a stopped node's cache goes with it. */
  private static final Map<CoreContainer, QueryVectorCache> CACHES = new WeakHashMap<>();

  private EmbedSettings settings;
  private int cacheSize = QueryVectorCache.DEFAULT_SIZE;
  private EmbeddingModel model;
  private EmbedOptions options;
  private int vectorLength;

  @Override
  public void init(NamedList<?> args) {
    settings = EmbedSettings.from(args);
    Integer size = EmbedSettings.integer(args, "cacheSize");
    if (size != null && size <= 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: cacheSize must be positive; cacheSize=" + size);
    }
    cacheSize = size != null ? size : QueryVectorCache.DEFAULT_SIZE;
    if (args.size() > 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: unknown argument(s) " + args.asShallowMap().keySet()
          + " of EmbedQParserPlugin; accepted: model, promptName, dimensions, threads, cacheSize");
    }
    model = settings.load();
    vectorLength = settings.vectorLength(model);
    options = settings.options(model.info().queryPromptName());
  }

  @Override
  public QParser createParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    return new EmbedQParser(qstr, localParams, params, req, this);
  }

  /** The query vector of a text, from this node's cache or embedded now. */
  float[] queryVector(CoreContainer node, String text) {
    try {
      return cache(node).get(new QueryVectorCache.Key(settings, text),
          key -> model.embed(List.of(key.text()), options).embeddings().get(0).vector());
    } catch (RuntimeException e) {
      throw SolrErrors.of("query text", e);
    }
  }

  int vectorLength() {
    return vectorLength;
  }

  String modelName() {
    return settings.model();
  }

  EmbedSettings settings() {
    return settings;
  }

  private QueryVectorCache cache(CoreContainer node) {
    synchronized (CACHES) {
      return CACHES.computeIfAbsent(node, n -> new QueryVectorCache(cacheSize));
    }
  }

  /** Query texts embedded on this node (cache misses), for monitoring and tests. */
  public static long queryEmbeddings(CoreContainer node) {
    synchronized (CACHES) {
      QueryVectorCache cache = CACHES.get(node);
      return cache == null ? 0 : cache.embedded();
    }
  }
}
