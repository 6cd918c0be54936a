package dev.embedkit.store.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Field;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.filter.FilterSyntaxException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit search NAME QUERY}: the documents of a collection closest in meaning to a text (or to an image, or
 * to a stored document with {@code --like}), optionally filtered by metadata and fused with keyword (BM25) ranking.
 * Opens the collection read-only, so it runs while another process indexes into it.
 */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Search a collection by meaning: a text QUERY, an image (--image), a stored document (--like)"
        + " or a vector (--vector).")
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The collection.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "QUERY", description = "What to look for (quote it).")
  String query;

  @Option(names = "--image", paramLabel = "PATH|URL", description = "Search with an image (CLIP collections).")
  String image;

  @Option(names = "--like", paramLabel = "ID", description = "More like this: documents closest to a stored one.")
  String like;

  @Option(names = "--vector", paramLabel = "JSON",
      description = "Search with a vector of the collection's dimensions, as a JSON array: '[0.1, -0.2, ...]'.")
  String vector;

  @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "10",
      description = "Results wanted, 1 to " + SearchRequest.MAX_TOP_K + ". Default: ${DEFAULT-VALUE}.")
  int topK;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N results (paging).")
  int offset;

  @Option(names = "--filter", paramLabel = "EXPR",
      description = "Metadata filter, e.g. \"lang = 'en' AND year >= 2020 AND tag IN ('a', 'b')\".")
  String filter;

  @Option(names = "--hybrid", description = "Fuse keyword (BM25) ranking with the vector ranking (text queries).")
  boolean hybrid;

  @Option(names = "--hybrid-weights", paramLabel = "V,K",
      description = "Weights of the vector and keyword rankings in the fusion (implies --hybrid). Default: 1,1.")
  String hybridWeights;

  @Option(names = "--exact", description = "Score every vector (exact kNN) instead of walking the HNSW graph.")
  boolean exact;

  @Option(names = "--min-score", paramLabel = "S", description = "Leave out results scoring below S.")
  Double minScore;

  @Option(names = "--ef-search", paramLabel = "N",
      description = "HNSW candidates to visit (more: better recall, slower). Default: max(200, K + offset).")
  Integer efSearch;

  @Option(names = "--chunks", description = "One result per matching chunk, instead of per document (best chunk).")
  boolean chunks;

  @Option(names = "--fields", paramLabel = "FIELD", split = ",",
      description = "What results carry besides id and score: text, metadata, chunk, image, vector "
          + "(default: all but vector).")
  List<String> fields;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Check that the collection's model is this one (a collection is searched with its own model).")
  String model;

  @Mixin CollectionsOption location;

  @Override
  public Integer call() throws Exception {
    SearchRequest request;
    try {
      request = request();
    } catch (FilterSyntaxException e) {
      return FilterOption.report(e, spec.commandLine().getErr());
    }
    List<SearchHit> hits;
    try (LoadedModels models = new LoadedModels();
        Collection collection =
            CollectionsOption.open(location.collections(models), models, name, model, true)) {
      hits = collection.search(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    SearchOutput.print(hits, format, request.granularity(), offset, out);
    out.flush();
    return 0;
  }

  /** The request from the options, every option checked before the collection opens or a model loads. */
  SearchRequest request() {
    SearchRequest request = SearchRequest.of(query())
        .withTopK(topK)
        .withOffset(offset)
        .withExact(exact)
        .withMinScore(minScore)
        .withGranularity(chunks ? Granularity.CHUNKS : Granularity.DOCUMENTS);
    if (efSearch != null) {
      if (efSearch < 1) {
        throw EmbedkitException.invalidInput("--ef-search is " + efSearch + "; accepted: 1 to "
            + SearchRequest.MAX_TOP_K);
      }
      request = request.withEfSearch(efSearch);
    }
    if (hybrid || hybridWeights != null) {
      request = request.withHybrid(hybrid());
    }
    if (fields != null) {
      Set<Field> chosen = EnumSet.noneOf(Field.class);
      fields.forEach(f -> chosen.add(Field.fromString(f.strip())));
      request = request.withFields(chosen);
    }
    if (filter != null) {
      request = request.withFilter(FilterOption.parse(filter));
    }
    return request;
  }

  private Query query() {
    List<String> given = new ArrayList<>();
    if (query != null) {
      given.add("QUERY");
    }
    if (image != null) {
      given.add("--image");
    }
    if (like != null) {
      given.add("--like");
    }
    if (vector != null) {
      given.add("--vector");
    }
    if (given.isEmpty()) {
      throw EmbedkitException.invalidInput(
          "nothing to search for: give a QUERY text, --image PATH, --like ID or --vector JSON");
    }
    if (given.size() > 1) {
      throw EmbedkitException.invalidInput("give one of QUERY, --image, --like and --vector; got "
          + String.join(" and ", given));
    }
    if (vector != null) {
      return Query.vector(parseVector(vector));
    }
    if (query != null && query.isBlank()) {
      throw EmbedkitException.invalidInput("the query is empty; give some words to search for");
    }
    return query != null ? Query.text(query) : image != null ? Query.image(image) : Query.like(like);
  }

  /** A JSON array of finite numbers; the collection checks the dimensions. */
  static float[] parseVector(String json) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw EmbedkitException.invalidInput("--vector is not JSON; give an array of numbers like '[0.1, -0.2]'");
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw EmbedkitException.invalidInput("--vector must be a non-empty JSON array of numbers like '[0.1, -0.2]'");
    }
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      com.fasterxml.jackson.databind.JsonNode value = node.get(i);
      if (!value.isNumber() || !Float.isFinite((float) value.asDouble())) {
        throw EmbedkitException.invalidInput("--vector holds " + value + " at index " + i
            + "; only finite numbers are accepted");
      }
      out[i] = (float) value.asDouble();
    }
    return out;
  }

  private Hybrid hybrid() {
    if (hybridWeights == null) {
      return Hybrid.DEFAULTS;
    }
    String[] parts = hybridWeights.split(",", -1);
    double[] weights = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        weights[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      weights = null;
    }
    if (weights == null || weights.length != 2) {
      throw EmbedkitException.invalidInput("--hybrid-weights takes two numbers, V,K (vector and keyword weights,"
          + " e.g. 1,0.5); got '" + hybridWeights + "'");
    }
    return new Hybrid(weights[0], weights[1], Hybrid.DEFAULTS.rrfK());
  }
}
