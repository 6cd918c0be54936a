package dev.embedkit.langchain4j;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Modality;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.LoadOptions;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A LangChain4j {@link EmbeddingModel} over any embedkit model: a built-in pack, a model folder, a hub name, or an
 * already loaded {@link dev.embedkit.EmbeddingModel}. All the texts of a call go to embedkit in one call, which batches
 * them by length; the vectors are embedkit's own, float for float.
 *
 * <pre>{@code
 * try (EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.of("all-minilm-l6-v2")) {
 *   List<Embedding> vectors = model.embedAll(List.of(TextSegment.from("A man is eating food."))).content();
 *   int dims = model.dimension(); // 384, read from the model's files: no inference
 * }
 * }</pre>
 *
 * Per-call parameters ({@link #supportedParameters()}): {@code DIMENSIONS} cuts Matryoshka-style through embedkit's
 * {@link EmbedOptions#withDimensions}; {@code INPUT_TYPE} QUERY uses the model's "query" prompt and DOCUMENT its
 * "document" (else "passage") prompt, no prompt when the model has none (as embedkit collections do); {@code
 * MODEL_NAME} must be absent or this model's name. IMAGE inputs are accepted by image models (CLIP) only. Bad input
 * fails with a one-line {@link IllegalArgumentException}; other failures are LangChain4j's exceptions (see
 * {@link Errors}).
 *
 * <p>Images and listeners: when {@link #listeners()} are configured, LangChain4j 1.19's {@code embed(EmbeddingRequest)}
 * builds the listeners' view of the request by mapping every input through {@code TextSegment.from(input.text())}
 * before this model runs; an image-only input has blank text there, so LangChain4j itself throws
 * IllegalArgumentException. Embed images with a model that has no listeners (listeners work for text inputs).
 */
public final class EmbedkitEmbeddingModel implements EmbeddingModel, AutoCloseable {
  private static final Set<EmbeddingParameter<?>> PARAMETERS = Set.of(
      EmbeddingRequestParameters.MODEL_NAME, EmbeddingRequestParameters.DIMENSIONS,
      EmbeddingRequestParameters.INPUT_TYPE);

  private final dev.embedkit.EmbeddingModel model;
  private final boolean owned;
  private final EmbeddingRequestParameters defaults;
  private final List<EmbeddingModelListener> listeners;

  private EmbedkitEmbeddingModel(Builder builder) {
    if (builder.model != null && builder.nameOrPath != null) {
      throw new IllegalArgumentException("give either a loaded model or a model name/path, not both");
    }
    if (builder.model != null) {
      this.model = builder.model;
      this.owned = false;
    } else {
      String name = builder.nameOrPath == null ? Embedkit.DEFAULT_MODEL : builder.nameOrPath;
      try {
        this.model = Embedkit.load(name, builder.loadOptions == null ? LoadOptions.DEFAULTS : builder.loadOptions);
      } catch (EmbedkitException e) {
        throw Errors.translate(e);
      }
      this.owned = true;
    }
    if (builder.dimensions != null && (builder.dimensions < 1 || builder.dimensions > model.info().dimensions())) {
      String message = "dimensions is " + builder.dimensions + "; accepted: 1 to " + model.info().dimensions()
          + " for model " + model.info().name();
      close();
      throw new IllegalArgumentException(message);
    }
    this.defaults = EmbeddingRequestParameters.builder()
        .dimensions(builder.dimensions)
        .inputType(builder.inputType)
        .build();
    this.listeners = builder.listeners == null ? List.of() : List.copyOf(builder.listeners);
  }

  /** Loads a model by name (a built-in pack such as "all-minilm-l6-v2", a hub name) or folder path. */
  public static EmbedkitEmbeddingModel of(String nameOrPath) {
    return builder().modelName(nameOrPath).build();
  }

  /** Wraps an already loaded embedkit model; closing the adapter leaves it open (its owner closes it). */
  public static EmbedkitEmbeddingModel of(dev.embedkit.EmbeddingModel model) {
    return builder().model(model).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The embedkit model underneath. */
  public dev.embedkit.EmbeddingModel embedkitModel() {
    return model;
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
    if (textSegments == null) {
      throw new IllegalArgumentException("textSegments cannot be null; give a list of TextSegment (it may be empty)");
    }
    if (textSegments.isEmpty()) {
      return Response.from(List.of());
    }
    for (int i = 0; i < textSegments.size(); i++) {
      if (textSegments.get(i) == null) {
        throw new IllegalArgumentException("textSegments[" + i + "] is null; every element must be a TextSegment");
      }
    }
    // Through embed(EmbeddingRequest): the defaults, the listeners and the checks apply as for any request.
    EmbeddingResponse response = embed(EmbeddingRequest.builder().textSegments(textSegments).build());
    return Response.from(response.embeddings(), response.metadata().tokenUsage());
  }

  @Override
  public EmbeddingResponse doEmbed(EmbeddingRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("request cannot be null");
    }
    EmbeddingRequestParameters parameters = request.parameters() == null ? defaults : request.parameters();
    checkModelName(parameters.modelName());
    EmbedOptions options = options(parameters.dimensions(), parameters.inputType());

    List<EmbeddingInput> inputs = request.inputs();
    List<String> texts = new ArrayList<>();
    List<Integer> textPositions = new ArrayList<>();
    List<ImageInput> images = new ArrayList<>();
    List<Integer> imagePositions = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      EmbeddingInput input = inputs.get(i);
      Set<ContentType> types = input.contentTypes();
      if (types.equals(Set.of(ContentType.TEXT))) {
        texts.add(input.text());
        textPositions.add(i);
      } else if (types.equals(Set.of(ContentType.IMAGE)) && input.contents().size() == 1) {
        images.add(imageInput(i, (ImageContent) input.contents().get(0)));
        imagePositions.add(i);
      } else {
        throw new IllegalArgumentException("input " + i + " holds " + types + " content (" + input.contents().size()
            + " parts); accepted: text, or exactly one image for image models");
      }
    }

    Embedding[] out = new Embedding[inputs.size()];
    int tokens = 0;
    try {
      if (!texts.isEmpty()) {
        EmbeddingResult result = model.embed(texts, options);
        tokens += result.totalTokens();
        place(result, textPositions, out);
      }
      if (!images.isEmpty()) {
        EmbeddingResult result = ImageEmbeddingModel.of(model).embedImages(images, options);
        tokens += result.totalTokens();
        place(result, imagePositions, out);
      }
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
    return EmbeddingResponse.builder()
        .embeddings(List.of(out))
        .metadata(EmbeddingResponseMetadata.builder()
            .modelName(modelName())
            .tokenUsage(new TokenUsage(tokens))
            .build())
        .build();
  }

  @Override
  public EmbeddingRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public Set<EmbeddingParameter<?>> supportedParameters() {
    return PARAMETERS;
  }

  @Override
  public Set<ContentType> supportedContentTypes() {
    Set<ContentType> types = EnumSet.noneOf(ContentType.class);
    if (model.info().modalities().contains(Modality.TEXT)) {
      types.add(ContentType.TEXT);
    }
    if (model.info().modalities().contains(Modality.IMAGE)) {
      types.add(ContentType.IMAGE);
    }
    return Set.copyOf(types);
  }

  @Override
  public List<EmbeddingModelListener> listeners() {
    return listeners;
  }

  /** The vector length, from the model's facts (or the default DIMENSIONS cut): no inference runs. */
  @Override
  public int dimension() {
    Integer cut = defaults.dimensions();
    return cut != null ? cut : model.info().dimensions();
  }

  @Override
  public String modelName() {
    return model.info().name();
  }

  /** Closes the embedkit model if this adapter loaded it; a model passed in stays open. */
  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }

  private void checkModelName(String requested) {
    if (requested != null && !requested.equals(modelName())) {
      throw new IllegalArgumentException("the request names model '" + requested + "', but this EmbeddingModel is '"
          + modelName() + "'; leave the model name out or give '" + modelName() + "'");
    }
  }

  /** The embedkit options for a request's DIMENSIONS and INPUT_TYPE. */
  EmbedOptions options(Integer dimensions, EmbeddingInputType inputType) {
    EmbedOptions options = EmbedOptions.DEFAULTS;
    if (dimensions != null) {
      int max = model.info().dimensions();
      if (dimensions < 1 || dimensions > max) {
        throw new IllegalArgumentException("dimensions is " + dimensions + "; accepted: 1 to " + max
            + " for model " + modelName());
      }
      options = options.withDimensions(dimensions);
    }
    String prompt = promptName(inputType);
    return prompt == null ? options : options.withPromptName(prompt);
  }

  /**
   * The model's prompt for an input type: "query" for QUERY, "document" (else "passage") for DOCUMENT, or null when
   * the model has no such prompt (then its default prompt, if any, applies as for a call without a type).
   */
  String promptName(EmbeddingInputType inputType) {
    if (inputType == null) {
      return null;
    }
    return inputType == EmbeddingInputType.QUERY ? model.info().queryPromptName()
        : model.info().documentPromptName(); // the names embedkit collections embed with
  }

  private static void place(EmbeddingResult result, List<Integer> positions, Embedding[] out) {
    List<float[]> vectors = result.vectors();
    for (int i = 0; i < vectors.size(); i++) {
      out[positions.get(i)] = new Embedding(vectors.get(i));
    }
  }

  /** An image content as embedkit reads it: an http(s) URL, a file: URL, a data URI, or base64 data. */
  private static ImageInput imageInput(int index, ImageContent content) {
    Image image = content.image();
    try {
      if (image.base64Data() != null) {
        return ImageInput.base64(image.base64Data(), "input " + index);
      }
      if (image.url() != null) {
        String scheme = image.url().getScheme() == null ? "" : image.url().getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
          case "file" -> ImageInput.file(Path.of(image.url()));
          case "data" -> ImageInput.dataUri(image.url().toString());
          case "http", "https" -> ImageInput.url(image.url().toString());
          default -> throw new IllegalArgumentException("input " + index + " is an image at '" + image.url()
              + "'; accepted: http(s) or file: URLs, data URIs, base64 data");
        };
      }
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
    throw new IllegalArgumentException("input " + index + " is an image with neither a URL nor base64 data");
  }

  /** Builds an {@link EmbedkitEmbeddingModel}; give a model name, a path, or a loaded model (default: all-minilm-l6-v2). */
  public static final class Builder {
    private String nameOrPath;
    private dev.embedkit.EmbeddingModel model;
    private LoadOptions loadOptions;
    private Integer dimensions;
    private EmbeddingInputType inputType;
    private List<EmbeddingModelListener> listeners;

    private Builder() {}

    /** A built-in pack ("all-minilm-l6-v2"), a hub name, or a model folder's path as text. */
    public Builder modelName(String nameOrPath) {
      this.nameOrPath = nameOrPath;
      return this;
    }

    public Builder modelPath(Path folder) {
      this.nameOrPath = folder == null ? null : folder.toString();
      return this;
    }

    /** An already loaded model, left open when the adapter closes. */
    public Builder model(dev.embedkit.EmbeddingModel loaded) {
      this.model = loaded;
      return this;
    }

    /** How a named model is loaded (threads, quantisation, ...). */
    public Builder loadOptions(LoadOptions options) {
      this.loadOptions = options;
      return this;
    }

    /** Default DIMENSIONS (Matryoshka cut) for every request that gives none. */
    public Builder dimensions(Integer n) {
      this.dimensions = n;
      return this;
    }

    /** Default INPUT_TYPE for every request that gives none. */
    public Builder inputType(EmbeddingInputType type) {
      this.inputType = type;
      return this;
    }

    public Builder listeners(List<EmbeddingModelListener> list) {
      this.listeners = list;
      return this;
    }

    public EmbedkitEmbeddingModel build() {
      return new EmbedkitEmbeddingModel(this);
    }
  }
}
