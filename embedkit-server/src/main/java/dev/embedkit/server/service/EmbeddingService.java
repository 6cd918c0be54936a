package dev.embedkit.server.service;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.PreparedTexts;
import dev.embedkit.TokenInfo;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.FetchPolicy;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.input.UrlFetcher;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.ServerLimits;
import dev.embedkit.server.ServerMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The one embedding service behind the OpenAI, Ollama and TEI adapters. It admits a request (or refuses it with
 * OVERLOADED), finds its model, checks its inputs against the limits, counts its tokens, and hands the work to the
 * model's {@link BatchQueue}, which merges it with other requests' work. Every limit and check lives here, once.
 */
public final class EmbeddingService implements AutoCloseable {
  /** What an image counts for in the queued-token budget (CLIP ViT-B/32 reads 50 patches). */
  static final int TOKENS_PER_IMAGE = 64;

  private final ServedModels models;
  private final ServerLimits limits;
  private final Admission admission;
  private final ImageLoader imageLoader;

  public EmbeddingService(ServedModels models, Admission admission, ServerLimits limits, boolean allowPrivateUrls,
      ServerMetrics metrics) {
    this.models = models;
    this.limits = limits;
    this.admission = admission;
    DecodeOptions decode = DecodeOptions.DEFAULTS.withMaxBytes(limits.maxImageBytes()).withMaxPixels(limits.maxImagePixels());
    FetchPolicy fetch = FetchPolicy.DEFAULTS.withAllowPrivateAddresses(allowPrivateUrls).withMaxBytes(limits.maxImageBytes());
    this.imageLoader = new ImageLoader(new ImageDecoder(decode), new UrlFetcher(fetch));
    metrics.gauge("embedkit.requests.in_flight", "embedding requests admitted and not finished", admission::inFlight);
    metrics.gauge("embedkit.queue.tokens", "tokens admitted and not yet embedded", admission::queuedTokens);
  }

  public ServedModels models() {
    return models;
  }

  /**
   * How the server reads images (its byte and pixel limits; URLs to private addresses refused unless
   * {@code --allow-private-urls}): for the embedding APIs and for the collections' documents and queries alike.
   */
  public ImageLoader imageLoader() {
    return imageLoader;
  }

  public ServerLimits limits() {
    return limits;
  }

  /**
   * Admits one embedding request, or refuses it at once with OVERLOADED. Adapters call this before they read the
   * body, so a refusal costs next to nothing; close the ticket when the answer is written.
   */
  public Admission.Ticket admit() {
    return admission.admit();
  }

  /**
   * Embeds an admitted request's inputs, merged with other requests' by the model's batcher.
   *
   * @param gone true once the client has disconnected: its queued work is dropped
   * @throws ServerException for every failure, with the problem and the field at fault
   */
  public EmbedReply embed(Admission.Ticket ticket, EmbedCall call, BooleanSupplier gone) {
    long start = System.nanoTime();
    try {
      ServedModel served = models.get(call.model());
      long loadNanos = served.loaded() ? 0 : -System.nanoTime();
      EmbeddingModel model = served.model();
      loadNanos = loadNanos == 0 ? 0 : loadNanos + System.nanoTime();
      checkCount(call.inputs().size(), call.inputField());
      checkDimensions(call.options().dimensions(), served);
      EmbeddingResult result = run(served, model, call, ticket, gone);
      return new EmbedReply(served, result, System.nanoTime() - start, loadNanos);
    } catch (EmbedkitException e) {
      throw ServerException.of(e, call.inputField());
    }
  }

  /** The tokens of each text (TEI's /tokenize). */
  public List<List<TokenInfo>> tokenize(String modelName, List<String> texts, EmbedOptions options, String field) {
    try (Admission.Ticket ticket = admission.admit()) {
      ticket.arrived(); // nothing of it will be queued
      checkCount(texts.size(), field);
      return models.get(modelName).model().tokenize(texts, options);
    } catch (EmbedkitException e) {
      throw ServerException.of(e, field);
    }
  }

  /** Every token's vector (TEI's /embed_all), run in the model's queue. */
  public List<float[][]> embedTokens(String modelName, List<String> texts, EmbedOptions options, String field,
      BooleanSupplier gone) {
    try (Admission.Ticket ticket = admission.admit()) {
      checkCount(texts.size(), field);
      ServedModel served = models.get(modelName);
      EmbeddingModel model = served.model();
      int[] counts = model.countTokens(texts, options);
      long tokens = reserve(ticket, counts, field);
      var queued = served.queue().alone(() -> model.embedTokens(texts, options), texts.size(), tokens, gone);
      ticket.arrived();
      return await(queued);
    } catch (EmbedkitException e) {
      throw ServerException.of(e, field);
    }
  }

  private EmbeddingResult run(ServedModel served, EmbeddingModel model, EmbedCall call, Admission.Ticket ticket,
      BooleanSupplier gone) {
    List<InputItem> inputs = call.inputs();
    List<Integer> textAt = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    List<Integer> imageAt = new ArrayList<>();
    List<ImageInput> images = new ArrayList<>();
    List<Integer> idsAt = new ArrayList<>();
    List<long[]> ids = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      InputItem item = inputs.get(i);
      if (item instanceof InputItem.Text t) {
        textAt.add(i);
        texts.add(t.text());
      } else if (item instanceof InputItem.Image img) {
        imageAt.add(i);
        images.add(img.image());
      } else if (item instanceof InputItem.TokenIds t) {
        idsAt.add(i);
        ids.add(t.ids());
      }
    }
    EmbedOptions options = call.options();
    if (!texts.isEmpty() && model instanceof ImageEmbeddingModel image && !image.embedsText()) {
      throw new ServerException(Problem.UNSUPPORTED, "model " + served.name() + " embeds images only; send inputs as "
          + "{\"image\": URL | data URI | base64}", call.inputField());
    }
    if (!images.isEmpty() && !(model instanceof ImageEmbeddingModel)) {
      throw new ServerException(Problem.UNSUPPORTED, "model " + served.name() + " embeds text only; image inputs need "
          + "a CLIP or imgbeddings model (served here: " + models.names() + ")", call.inputField());
    }
    ImageEmbeddingModel imageModel = images.isEmpty() ? null : (ImageEmbeddingModel) model;
    List<CompletableFuture<EmbeddingResult>> parts = new ArrayList<>(3);
    if (!texts.isEmpty()) {
      PreparedTexts prepared = atRequestPositions(textAt, () -> model.prepare(texts, options));
      reserve(ticket, prepared.tokenCounts(), call.inputField());
      parts.add(served.queue().texts(prepared, gone));
    } else {
      parts.add(null);
    }
    if (!ids.isEmpty()) {
      long tokens = ids.stream().mapToLong(a -> a.length + 2L).sum();
      checkRequestTokens(tokens, call.inputField());
      ticket.reserve(tokens);
      parts.add(served.queue().alone(() -> atRequestPositions(idsAt, () -> model.embedTokenIds(ids, options)), ids.size(),
          tokens, gone));
    } else {
      parts.add(null);
    }
    if (!images.isEmpty()) {
      ticket.reserve((long) images.size() * TOKENS_PER_IMAGE);
      List<RgbImage> decoded = loadImages(images, imageAt, call.inputField());
      parts.add(served.queue().alone(() -> imageModel.embedDecoded(decoded, options), images.size(),
          (long) images.size() * TOKENS_PER_IMAGE, gone));
    } else {
      parts.add(null);
    }
    ticket.arrived();
    Embedding[] ordered = new Embedding[inputs.size()];
    List<List<Integer>> positions = List.of(textAt, idsAt, imageAt);
    EmbeddingResult any = null;
    for (int p = 0; p < parts.size(); p++) {
      if (parts.get(p) == null) {
        continue;
      }
      EmbeddingResult part = await(parts.get(p));
      any = part;
      for (int j = 0; j < part.embeddings().size(); j++) {
        ordered[positions.get(p).get(j)] = part.embeddings().get(j);
      }
    }
    if (any == null) {
      return new EmbeddingResult(served.name(), model.info().dimensions(), options.precision(), List.of());
    }
    return new EmbeddingResult(served.name(), any.dimensions(), any.precision(), Arrays.asList(ordered));
  }

  /** Decodes every image before any is embedded; a bad one fails the request, named by its place in the input. */
  /**
   * Runs a call over one kind of the request's inputs; an error about one of them is restated with its position in
   * the whole request (texts, ids and images may be mixed).
   */
  private static <T> T atRequestPositions(List<Integer> positions, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (EmbedkitException e) {
      if (e.inputIndex().isPresent() && e.detail() != null && e.inputIndex().getAsInt() < positions.size()) {
        throw EmbedkitException.invalidInputAt(positions.get(e.inputIndex().getAsInt()), e.detail());
      }
      throw e;
    }
  }

  private List<RgbImage> loadImages(List<ImageInput> images, List<Integer> positions, String field) {
    List<RgbImage> decoded = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      try {
        decoded.add(imageLoader.load(images.get(i)));
      } catch (EmbedkitException e) {
        String at = field + "[" + positions.get(i) + "].image";
        String message = e.getMessage().contains(at) ? e.getMessage() : "'" + at + "': " + e.getMessage();
        throw new ServerException(Problem.of(e.kind()), message, field);
      }
    }
    return decoded;
  }

  private long reserve(Admission.Ticket ticket, int[] counts, String field) {
    long tokens = 0;
    for (int c : counts) {
      tokens += c;
    }
    checkRequestTokens(tokens, field);
    ticket.reserve(tokens);
    return tokens;
  }

  private void checkRequestTokens(long tokens, String field) {
    if (tokens > limits.maxRequestTokens()) {
      throw ServerException.invalid("the request has " + tokens + " tokens, more than the limit of "
          + limits.maxRequestTokens() + " per request; send fewer or shorter inputs", field);
    }
  }

  /** The model checks this too, but after queueing and without naming the field; here it fails first, as OpenAI's param. */
  private static void checkDimensions(Integer dimensions, ServedModel served) {
    int most = served.info().dimensions();
    if (dimensions != null && (dimensions < 1 || dimensions > most)) {
      throw ServerException.invalid("'dimensions' must be between 1 and " + most + " for model " + served.name()
          + "; got " + dimensions, "dimensions");
    }
  }

  private void checkCount(int count, String field) {
    if (count == 0) {
      throw new ServerException(Problem.EMPTY, "'" + field + "' is empty; give at least one input", field);
    }
    if (count > limits.maxInputs()) {
      throw ServerException.invalid("'" + field + "' has " + count + " inputs, more than the limit of "
          + limits.maxInputs() + " per request", field);
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerException(Problem.UNAVAILABLE, "interrupted while waiting for the model");
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ServerException(Problem.INTERNAL, "inference failed: " + cause);
    }
  }

  @Override
  public void close() {
    models.close();
  }
}
