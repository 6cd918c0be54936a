package dev.embedkit.solr.plugin;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.VectorEncoding;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.SolrCore;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.response.SolrQueryResponse;
import org.apache.solr.schema.DenseVectorField;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.QParserPlugin;
import org.apache.solr.update.processor.UpdateRequestProcessor;
import org.apache.solr.update.processor.UpdateRequestProcessorFactory;
import org.apache.solr.util.plugin.SolrCoreAware;

/**
 * Embeds a text field of each added document into a DenseVectorField. Place it before
 * {@code solr.DistributedUpdateProcessorFactory} so that each document is embedded once, on the node that receives it,
 * and then forwarded with its vector to the leader and the replicas (which skip this processor):
 *
 * <pre>{@code
 * <updateRequestProcessorChain name="embed" default="true">
 *   <processor class="dev.embedkit.solr.plugin.EmbedUpdateProcessorFactory">
 *     <str name="model">all-minilm-l6-v2</str>
 *     <str name="sourceField">text</str>
 *     <str name="vectorField">vector</str>
 *     <int name="batch">32</int>
 *   </processor>
 *   <processor class="solr.LogUpdateProcessorFactory"/>
 *   <processor class="solr.DistributedUpdateProcessorFactory"/>
 *   <processor class="solr.RunUpdateProcessorFactory"/>
 * </updateRequestProcessorChain>
 * }</pre>
 *
 * The model loads when the core loads, and its vector length must equal the field's {@code vectorDimension}.
 */
public class EmbedUpdateProcessorFactory extends UpdateRequestProcessorFactory implements SolrCoreAware {
  public static final String DEFAULT_SOURCE_FIELD = "text";
  public static final String DEFAULT_VECTOR_FIELD = "vector";

  /** Documents embedded per model call by default: enough to amortise a call, small enough to bound the wait. */
  public static final int DEFAULT_BATCH = 32;

  private static final AtomicLong EMBEDDED = new AtomicLong();
  private static final AtomicLong CALLS = new AtomicLong();

  private EmbedSettings settings;
  private String sourceField = DEFAULT_SOURCE_FIELD;
  private String vectorField = DEFAULT_VECTOR_FIELD;
  private int batch = DEFAULT_BATCH;
  private volatile EmbeddingModel model;
  private EmbedOptions options;

  @Override
  public void init(NamedList<?> args) {
    settings = EmbedSettings.from(args);
    String source = EmbedSettings.string(args, "sourceField");
    String vector = EmbedSettings.string(args, "vectorField");
    sourceField = source != null ? source : DEFAULT_SOURCE_FIELD;
    vectorField = vector != null ? vector : DEFAULT_VECTOR_FIELD;
    Integer size = EmbedSettings.integer(args, "batch");
    if (size != null && size <= 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: batch must be positive; batch=" + size);
    }
    batch = size != null ? size : DEFAULT_BATCH;
    if (args.size() > 0) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: unknown argument(s) " + args.asShallowMap().keySet()
          + " of EmbedUpdateProcessorFactory; accepted: model, sourceField, vectorField, batch, promptName, dimensions,"
          + " threads");
    }
  }

  /** Loads the model and checks it against the schema, so that a wrong configuration fails the core at load time. */
  @Override
  public void inform(SolrCore core) {
    SchemaField field = core.getLatestSchema().getFieldOrNull(vectorField);
    if (field == null || !(field.getType() instanceof DenseVectorField dense)) {
      String actual = field == null ? "missing" : field.getType().getTypeName();
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: vectorField '" + vectorField
          + "' must be a solr.DenseVectorField of the schema; it is " + actual);
    }
    if (dense.getVectorEncoding() != VectorEncoding.FLOAT32) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: field '" + vectorField + "' has vectorEncoding="
          + dense.getVectorEncoding() + "; embedkit writes float vectors: use vectorEncoding=\"FLOAT32\" (the default)");
    }
    if (core.getLatestSchema().getFieldOrNull(sourceField) == null) {
      throw new SolrException(ErrorCode.SERVER_ERROR,
          "embedkit: sourceField '" + sourceField + "' is not a field of the schema");
    }
    EmbeddingModel loaded = settings.load();
    int length = settings.vectorLength(loaded);
    if (length != dense.getDimension()) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: model '" + settings.model() + "' gives " + length
          + " dimensions but field '" + vectorField + "' has vectorDimension=" + dense.getDimension()
          + "; make them equal (the model's dimensions, or the 'dimensions' argument)");
    }
    checkQueryParserAgrees(core, length);
    options = settings.options(loaded.info().documentPromptName());
    model = loaded;
  }

  /** Queries must be embedded by the model that embedded the documents: the core's {@code embed} parser is compared. */
  private void checkQueryParserAgrees(SolrCore core, int length) {
    QParserPlugin parser;
    try {
      parser = core.getQueryPlugin(EmbedQParserPlugin.NAME);
    } catch (SolrException e) {
      return; // no parser of that name: queries are embedded elsewhere (the client)
    }
    if (parser instanceof EmbedQParserPlugin embed
        && (!embed.settings().model().equals(settings.model()) || embed.vectorLength() != length)) {
      throw new SolrException(ErrorCode.SERVER_ERROR, "embedkit: the embed query parser uses model '"
          + embed.settings().model() + "' with " + embed.vectorLength() + " dimensions but the update processor uses '"
          + settings.model() + "' with " + length + "; give both the same model and dimensions");
    }
  }

  @Override
  public UpdateRequestProcessor getInstance(SolrQueryRequest req, SolrQueryResponse rsp, UpdateRequestProcessor next) {
    return new EmbedUpdateProcessor(this, next);
  }

  /** Texts embedded by every EmbedUpdateProcessorFactory of this JVM (a node), for monitoring and tests. */
  public static long documentsEmbedded() {
    return EMBEDDED.get();
  }

  EmbedSettings settings() {
    return settings;
  }

  String sourceField() {
    return sourceField;
  }

  String vectorField() {
    return vectorField;
  }

  int batch() {
    return batch;
  }

  /** The texts' vectors in one model call; counted. */
  List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    model.embed(texts, options).embeddings().forEach(e -> vectors.add(e.vector()));
    EMBEDDED.addAndGet(texts.size());
    CALLS.incrementAndGet();
    return vectors;
  }

  /** Model calls made by every EmbedUpdateProcessorFactory of this JVM (each embeds up to {@code batch} texts). */
  public static long modelCalls() {
    return CALLS.get();
  }
}
