package dev.embedkit.solr.plugin;

import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.schema.DenseVectorField;
import org.apache.solr.search.QueryParsing;
import org.apache.solr.search.neural.KnnQParser;

/**
 * Solr's {@link KnnQParser} with the vector embedded from the query text instead of read from it; everything else
 * (the field check, topK, pre-filtering by fq with includeTags/excludeTags/preFilter) is Solr's own.
 */
final class EmbedQParser extends KnnQParser {
  private final EmbedQParserPlugin plugin;

  EmbedQParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req, EmbedQParserPlugin plugin) {
    super(qstr, localParams, params, req);
    this.plugin = plugin;
  }

  /** The embedded text as the "[f1,f2,...]" Solr's field parses (Float.toString round-trips exactly). */
  @Override
  protected String getVectorToSearch() {
    String text = localParams.get(QueryParsing.V);
    if (text == null || text.isBlank()) {
      throw new SolrException(ErrorCode.BAD_REQUEST,
          "embedkit: {!embed} needs query text, e.g. {!embed f=vector topK=10}how do magnets work; it was empty");
    }
    if (req.getSchema().getField(getFieldName()).getType() instanceof DenseVectorField dense
        && dense.getDimension() != plugin.vectorLength()) {
      throw new SolrException(ErrorCode.BAD_REQUEST, "embedkit: model '" + plugin.modelName() + "' gives "
          + plugin.vectorLength() + " dimensions but field '" + getFieldName() + "' has vectorDimension="
          + dense.getDimension() + "; search a field indexed with this model");
    }
    float[] vector = plugin.queryVector(req.getCoreContainer(), text);
    StringBuilder out = new StringBuilder(vector.length * 12).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(vector[i]);
    }
    return out.append(']').toString();
  }
}
