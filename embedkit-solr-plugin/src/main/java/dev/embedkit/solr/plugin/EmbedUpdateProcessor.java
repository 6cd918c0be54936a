package dev.embedkit.solr.plugin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.SolrInputField;
import org.apache.solr.update.AddUpdateCommand;
import org.apache.solr.update.processor.DistributedUpdateProcessor.DistribPhase;
import org.apache.solr.update.processor.DistributingUpdateProcessorFactory;
import org.apache.solr.update.processor.UpdateRequestProcessor;

/**
 * Sets one document's vector from its text, one document at a time. Not batched across a request on purpose: Solr's
 * loaders reuse one {@link AddUpdateCommand} for every document of a request, and a buffered add would be reordered
 * after a later delete and would escape TolerantUpdateProcessor's per-document errors.
 *
 * <p>Rules: a document forwarded between nodes (update.distrib TOLEADER or FROMLEADER) already carries its vector and
 * passes unchanged; one that carries a value in the vector field keeps it; one whose text is missing or blank gets no
 * vector; a source field with several values or an atomic update of it is refused (400).
 */
final class EmbedUpdateProcessor extends UpdateRequestProcessor {
  private final EmbedUpdateProcessorFactory factory;

  EmbedUpdateProcessor(EmbedUpdateProcessorFactory factory, UpdateRequestProcessor next) {
    super(next);
    this.factory = factory;
  }

  @Override
  public void processAdd(AddUpdateCommand cmd) throws IOException {
    DistribPhase phase = DistribPhase.parseParam(
        cmd.getReq().getParams().get(DistributingUpdateProcessorFactory.DISTRIB_UPDATE_PARAM));
    if (phase == DistribPhase.NONE) {
      embedInto(cmd.getSolrInputDocument(), cmd.getPrintableId());
    }
    super.processAdd(cmd);
  }

  private void embedInto(SolrInputDocument doc, String id) {
    if (doc.getFieldValue(factory.vectorField()) != null) {
      return;
    }
    SolrInputField source = doc.getField(factory.sourceField());
    if (source == null || source.getValue() == null) {
      return;
    }
    Object value = source.getValue();
    if (value instanceof Map<?, ?>) {
      throw new SolrException(ErrorCode.BAD_REQUEST, "embedkit: document " + id + ": an atomic update of field '"
          + factory.sourceField() + "' cannot be embedded; send the whole document");
    }
    if (value instanceof Collection<?> values) {
      if (values.size() != 1) {
        throw new SolrException(ErrorCode.BAD_REQUEST, "embedkit: document " + id + ": field '" + factory.sourceField()
            + "' has " + values.size() + " values; one text per document is embedded");
      }
      value = values.iterator().next();
    }
    String text = value.toString();
    if (text.isBlank()) {
      return;
    }
    float[] vector;
    try {
      vector = factory.embed(text);
    } catch (RuntimeException e) {
      throw SolrErrors.of("document " + id, e);
    }
    List<Float> floats = new ArrayList<>(vector.length);
    for (float f : vector) {
      floats.add(f);
    }
    doc.setField(factory.vectorField(), floats);
  }
}
