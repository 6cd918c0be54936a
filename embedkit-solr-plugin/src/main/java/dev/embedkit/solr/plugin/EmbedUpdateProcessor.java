package dev.embedkit.solr.plugin;

import dev.embedkit.EmbedkitException;
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
import org.apache.solr.update.CommitUpdateCommand;
import org.apache.solr.update.DeleteUpdateCommand;
import org.apache.solr.update.MergeIndexesCommand;
import org.apache.solr.update.RollbackUpdateCommand;
import org.apache.solr.update.processor.DistributedUpdateProcessor.DistribPhase;
import org.apache.solr.update.processor.DistributingUpdateProcessorFactory;
import org.apache.solr.update.processor.UpdateRequestProcessor;

/**
 * Sets the vectors of one update request's documents from their texts, embedding up to {@code batch} documents per
 * model call. Documents wait (as copies: Solr's loaders reuse one {@link AddUpdateCommand}) only until the batch is
 * full, another command arrives (delete, commit, ...) or the request ends, and go on in their order, so a later delete
 * still follows its add.
 *
 * <p>Rules: a document forwarded between nodes (update.distrib TOLEADER or FROMLEADER) already carries its vector and
 * passes unchanged; one that carries a value in the vector field keeps it; one whose text is missing or blank gets no
 * vector; a source field with several values or an atomic update of it is refused (400). When a batch fails, its
 * documents are not indexed and the request fails; the documents of earlier batches are indexed, as with any Solr
 * update that fails part way.
 */
final class EmbedUpdateProcessor extends UpdateRequestProcessor {
  private final EmbedUpdateProcessorFactory factory;
  private final List<AddUpdateCommand> pending = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  EmbedUpdateProcessor(EmbedUpdateProcessorFactory factory, UpdateRequestProcessor next) {
    super(next);
    this.factory = factory;
  }

  @Override
  public void processAdd(AddUpdateCommand cmd) throws IOException {
    DistribPhase phase = DistribPhase.parseParam(
        cmd.getReq().getParams().get(DistributingUpdateProcessorFactory.DISTRIB_UPDATE_PARAM));
    String text = phase == DistribPhase.NONE ? textToEmbed(cmd.getSolrInputDocument(), cmd.getPrintableId()) : null;
    if (text == null) {
      flush();
      super.processAdd(cmd);
      return;
    }
    pending.add((AddUpdateCommand) cmd.clone());
    texts.add(text);
    if (pending.size() >= factory.batch()) {
      flush();
    }
  }

  @Override
  public void processDelete(DeleteUpdateCommand cmd) throws IOException {
    flush();
    super.processDelete(cmd);
  }

  @Override
  public void processCommit(CommitUpdateCommand cmd) throws IOException {
    flush();
    super.processCommit(cmd);
  }

  @Override
  public void processMergeIndexes(MergeIndexesCommand cmd) throws IOException {
    flush();
    super.processMergeIndexes(cmd);
  }

  @Override
  public void processRollback(RollbackUpdateCommand cmd) throws IOException {
    flush();
    super.processRollback(cmd);
  }

  @Override
  public void finish() throws IOException {
    flush();
    super.finish();
  }

  /** Embeds the waiting documents in one call and passes them on, in order. */
  private void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<AddUpdateCommand> batch = new ArrayList<>(pending);
    List<String> batchTexts = new ArrayList<>(texts);
    pending.clear();
    texts.clear();
    List<float[]> vectors;
    try {
      vectors = factory.embed(batchTexts);
    } catch (EmbedkitException e) {
      String first = batch.get(0).getPrintableId();
      String last = batch.get(batch.size() - 1).getPrintableId();
      String which = e.inputIndex().isPresent()
          ? "document " + batch.get(e.inputIndex().getAsInt()).getPrintableId()
          : batch.size() == 1 ? "document " + first : "documents " + first + " to " + last;
      throw SolrErrors.of(which, e.inputIndex().isPresent() ? new EmbedkitException(e.kind(), e.detail()) : e);
    } catch (RuntimeException e) {
      throw SolrErrors.of("document " + batch.get(0).getPrintableId(), e);
    }
    for (int i = 0; i < batch.size(); i++) {
      List<Float> floats = new ArrayList<>(vectors.get(i).length);
      for (float f : vectors.get(i)) {
        floats.add(f);
      }
      batch.get(i).getSolrInputDocument().setField(factory.vectorField(), floats);
      super.processAdd(batch.get(i));
    }
  }

  /** The text to embed for this document, or null when it gets no vector from this processor. */
  private String textToEmbed(SolrInputDocument doc, String id) {
    if (doc.getFieldValue(factory.vectorField()) != null) {
      return null;
    }
    SolrInputField source = doc.getField(factory.sourceField());
    if (source == null || source.getValue() == null) {
      return null;
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
    return text.isBlank() ? null : text;
  }
}
