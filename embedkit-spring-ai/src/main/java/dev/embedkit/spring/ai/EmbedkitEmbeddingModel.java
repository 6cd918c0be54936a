package dev.embedkit.spring.ai;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ModelInfo;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;

/**
 * A Spring AI {@link org.springframework.ai.embedding.EmbeddingModel} that runs an embedkit model in process. One
 * {@link #call} embeds all of its inputs in one embedkit call (embedkit forms the batches), {@link #dimensions()} is
 * read from the model's files without running it, and the response carries the token counts as usage.
 *
 * <pre>{@code
 * try (EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.load("all-minilm-l6-v2")) {
 *   float[] vector = model.embed("The weather is lovely today.");
 *   List<float[]> vectors = model.embed(List.of("first text", "second text"));
 * }
 * }</pre>
 *
 * Request options: {@code dimensions} keeps the first N dimensions (Matryoshka truncation, renormalised when the model
 * normalises); {@code model}, when given, must be this model's name, since one instance runs one model.
 */
public class EmbedkitEmbeddingModel extends AbstractEmbeddingModel implements AutoCloseable {
  /** Response metadata key: how many inputs were cut to the model's maximum length. */
  public static final String TRUNCATED_INPUTS = "truncated-inputs";

  /** The provider name observations report ({@code gen_ai.system}). */
  public static final String PROVIDER = "embedkit";

  private static final EmbeddingModelObservationConvention DEFAULT_CONVENTION =
      new DefaultEmbeddingModelObservationConvention();

  private final dev.embedkit.EmbeddingModel model;
  private final EmbedOptions defaults;
  private final boolean owned;
  /** Shared with the {@link #forQueries()} and {@link #forDocuments()} views, so they report where this one does. */
  private final AtomicReference<ObservationRegistry> observations;

  /** Uses a loaded model with its default options; the caller keeps ownership and closes it. */
  public EmbedkitEmbeddingModel(dev.embedkit.EmbeddingModel model) {
    this(model, EmbedOptions.DEFAULTS, false);
  }

  /**
   * Uses a loaded model with these options for every call (a prompt name, Matryoshka dimensions...); the caller keeps
   * ownership and closes it.
   */
  public EmbedkitEmbeddingModel(dev.embedkit.EmbeddingModel model, EmbedOptions defaults) {
    this(model, defaults, false);
  }

  private EmbedkitEmbeddingModel(dev.embedkit.EmbeddingModel model, EmbedOptions defaults, boolean owned) {
    this(model, defaults, owned, new AtomicReference<>(ObservationRegistry.NOOP));
  }

  private EmbedkitEmbeddingModel(dev.embedkit.EmbeddingModel model, EmbedOptions defaults, boolean owned,
      AtomicReference<ObservationRegistry> observations) {
    this.model = Objects.requireNonNull(model, "model");
    this.defaults = EmbedOptions.require(defaults);
    this.owned = owned;
    this.observations = observations;
    if (defaults.dimensions() != null && defaults.dimensions() > model.info().dimensions()) {
      throw new IllegalArgumentException("dimensions is " + defaults.dimensions() + "; model "
          + model.info().name() + " accepts 1 to " + model.info().dimensions());
    }
  }

  /** Loads an embedkit model by name (a built-in pack, a hub name) or folder path; {@link #close()} releases it. */
  public static EmbedkitEmbeddingModel load(String nameOrPath) {
    return load(nameOrPath, EmbedOptions.DEFAULTS);
  }

  /** {@link #load(String)} with options for every call. */
  public static EmbedkitEmbeddingModel load(String nameOrPath, EmbedOptions defaults) {
    dev.embedkit.EmbeddingModel loaded = SpringErrors.load(nameOrPath);
    try {
      return new EmbedkitEmbeddingModel(loaded, defaults, true);
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  /**
   * This model embedding search queries: with the model's "query" prompt (e5: "query: "), as embedkit collections and
   * MTEB retrieval apply it; itself when the model has none or these options already name a prompt. Shares the model.
   */
  public EmbedkitEmbeddingModel forQueries() {
    return withRolePrompt(model.info().queryPromptName());
  }

  /**
   * This model embedding documents to search: with the model's "document" (or "passage") prompt; itself when the model
   * has none or these options already name a prompt. Shares the model.
   */
  public EmbedkitEmbeddingModel forDocuments() {
    return withRolePrompt(model.info().documentPromptName());
  }

  private EmbedkitEmbeddingModel withRolePrompt(String promptName) {
    String prompt = promptName == null ? null : model.info().prompts().get(promptName);
    if (prompt == null || prompt.isEmpty() || defaults.prompt() != null || defaults.promptName() != null) {
      return this;
    }
    return new EmbedkitEmbeddingModel(model, defaults.withPrompt(prompt), false, observations);
  }

  /** The embedkit model behind this adapter. */
  public dev.embedkit.EmbeddingModel embedkitModel() {
    return model;
  }

  /** The model's facts (name, dimensions, maximum tokens, prompts...). */
  public ModelInfo info() {
    return model.info();
  }

  /**
   * Reports every {@link #call} as a Spring AI embedding observation ({@code gen_ai.client.operation}, provider
   * {@value #PROVIDER}, token usage) to this registry; none by default.
   */
  public void setObservationRegistry(ObservationRegistry registry) {
    observations.set(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public EmbeddingResponse call(EmbeddingRequest request) {
    Objects.requireNonNull(request, "request");
    var context = EmbeddingModelObservationContext.builder().embeddingRequest(request).provider(PROVIDER).build();
    return EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
        .observation(null, DEFAULT_CONVENTION, () -> context, observations.get())
        .observe(() -> {
          EmbeddingResponse response = embed(request);
          context.setResponse(response);
          return response;
        });
  }

  private EmbeddingResponse embed(EmbeddingRequest request) {
    List<String> inputs = request.getInstructions();
    if (inputs == null) {
      throw new IllegalArgumentException("the request has no inputs (null); give a list of texts");
    }
    EmbedOptions options = options(request.getOptions());
    EmbeddingResult result;
    try {
      result = model.embed(inputs, options);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
    List<Embedding> embeddings = new ArrayList<>(inputs.size());
    for (int i = 0; i < result.embeddings().size(); i++) {
      embeddings.add(new Embedding(result.embeddings().get(i).vector(), i));
    }
    int tokens = result.totalTokens();
    var usage = new DefaultUsage(tokens, 0, tokens);
    var metadata = new EmbeddingResponseMetadata(model.info().name(), usage,
        Map.of(TRUNCATED_INPUTS, result.truncatedCount()));
    return new EmbeddingResponse(embeddings, metadata);
  }

  /**
   * Embeds a text document's text (not its metadata: the same text that {@code embed(List<Document>, ...)} and the
   * vector stores embed). Media documents need {@link EmbedkitDocumentEmbeddingModel}.
   */
  @Override
  public float[] embed(Document document) {
    Objects.requireNonNull(document, "document");
    if (!document.isText()) {
      throw new IllegalArgumentException("document '" + document.getId() + "' holds media; this EmbeddingModel embeds"
          + " text (use EmbedkitDocumentEmbeddingModel with a CLIP model for images)");
    }
    return embed(document.getText());
  }

  /** The vector length, from the model's files (or the default Matryoshka dimensions), without running the model. */
  @Override
  public int dimensions() {
    return defaults.dimensions() != null ? defaults.dimensions() : model.info().dimensions();
  }

  /** This call's embedkit options: the defaults, with the request's dimensions; a request naming another model fails. */
  EmbedOptions options(EmbeddingOptions requested) {
    if (requested == null) {
      return defaults;
    }
    String name = requested.getModel();
    if (name != null && !name.equals(model.info().name())) {
      throw new IllegalArgumentException("the request names model '" + name + "'; this EmbeddingModel runs '"
          + model.info().name() + "' (leave the model option out, or give that name)");
    }
    Integer dimensions = requested.getDimensions();
    if (dimensions == null) {
      return defaults;
    }
    if (dimensions < 1 || dimensions > model.info().dimensions()) {
      throw new IllegalArgumentException("dimensions is " + dimensions + "; model " + model.info().name()
          + " accepts 1 to " + model.info().dimensions());
    }
    return defaults.withDimensions(dimensions);
  }

  /** Closes the model when this adapter loaded it ({@link #load}); a model passed in stays open. */
  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }
}
