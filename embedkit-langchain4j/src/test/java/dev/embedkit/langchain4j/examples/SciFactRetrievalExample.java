package dev.embedkit.langchain4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.langchain4j.EmbedkitContentRetriever;
import dev.embedkit.langchain4j.EmbedkitEmbeddingModel;
import dev.embedkit.langchain4j.EmbedkitEmbeddingStore;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Retrieval-augmented search with LangChain4j over embedkit, end to end: BEIR SciFact abstracts (CC BY 4.0 / ODC-By,
 * see ../shared/datasets/beir/scifact/PROVENANCE.md) are embedded with {@link EmbedkitEmbeddingModel}, stored in an
 * {@link EmbedkitEmbeddingStore} (an embedded collection), and the test claims are answered by
 * {@link EmbedkitContentRetriever} (BM25 + vectors). No LLM: it prints the contents that would go into the prompt, and
 * marks those SciFact's judgements (qrels/test.tsv) call relevant.
 *
 * <pre>
 * mvn -q -pl embedkit-langchain4j -am process-test-classes -Pscifact-example -Dexample.args="--docs 1000 --questions 3"
 * </pre>
 */
public final class SciFactRetrievalExample {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EMBED_BATCH = 128;

  /** What one question retrieved. */
  public record Answer(String question, Set<String> relevant, List<Content> contents) {
    public boolean foundRelevant() {
      return contents.stream().anyMatch(c -> relevant.contains(c.textSegment().metadata().getString("doc_id")));
    }
  }

  private SciFactRetrievalExample() {}

  /**
   * The SciFact folder of the team's shared datasets: system property {@code embedkit.shared} (the build sets it),
   * {@code EMBEDKIT_SHARED}, beside the clone, or /work/shared; the first that holds corpus.jsonl, else the first
   * candidate (whose absence the caller reports).
   */
  static Path sharedSciFact() {
    List<Path> candidates = new ArrayList<>();
    for (String shared : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED")}) {
      if (shared != null && !shared.isBlank()) {
        candidates.add(Path.of(shared, "datasets/beir/scifact"));
      }
    }
    candidates.add(Path.of("../shared/datasets/beir/scifact"));
    candidates.add(Path.of("/work/shared/datasets/beir/scifact"));
    return candidates.stream().filter(c -> Files.isRegularFile(c.resolve("corpus.jsonl"))).findFirst()
        .orElse(candidates.get(0));
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = new HashMap<>(Map.of("--docs", "1000", "--questions", "3", "--top", "3",
        "--data", sharedSciFact().toString()));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    Path root = Files.createTempDirectory("scifact-example");
    List<Answer> answers = run(Path.of(options.get("--data")), root, Integer.parseInt(options.get("--docs")),
        Integer.parseInt(options.get("--questions")), Integer.parseInt(options.get("--top")), true);
    long found = answers.stream().filter(Answer::foundRelevant).count();
    System.out.printf(Locale.ROOT, "%n%d of %d questions have a relevant abstract among the retrieved contents.%n",
        found, answers.size());
  }

  /**
   * Ingests the first {@code docs} abstracts into a collection under {@code root} and asks the first
   * {@code questions} test claims whose judged-relevant abstract was ingested.
   */
  public static List<Answer> run(Path data, Path root, int docs, int questions, int top, boolean print)
      throws IOException {
    try (EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.of("all-minilm-l6-v2");
        EmbedkitEmbeddingStore store = EmbedkitEmbeddingStore.builder()
            .root(root).collectionName("scifact").embeddingModel(model).build()) {
      long start = System.nanoTime();
      List<String> ids = new ArrayList<>();
      List<TextSegment> segments = new ArrayList<>();
      try (BufferedReader corpus = Files.newBufferedReader(data.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
        String line;
        while (ids.size() < docs && (line = corpus.readLine()) != null) {
          JsonNode doc = JSON.readTree(line);
          ids.add(doc.get("_id").asText());
          segments.add(TextSegment.from(doc.get("title").asText() + "\n" + doc.get("text").asText(),
              Metadata.from(Map.of("doc_id", doc.get("_id").asText(), "title", doc.get("title").asText()))));
        }
      }
      for (int from = 0; from < ids.size(); from += EMBED_BATCH) {
        int to = Math.min(ids.size(), from + EMBED_BATCH);
        List<Embedding> embeddings = model.embedAll(segments.subList(from, to)).content();
        store.addAll(ids.subList(from, to), embeddings, segments.subList(from, to));
      }
      if (print) {
        System.out.printf(Locale.ROOT, "Ingested %d SciFact abstracts in %.1f s (%s, collection in %s)%n", ids.size(),
            (System.nanoTime() - start) / 1e9, model.modelName(), root);
      }

      EmbedkitContentRetriever retriever = EmbedkitContentRetriever.builder().store(store).maxResults(top).build();
      List<Answer> answers = new ArrayList<>();
      Map<String, String> claims = claims(data);
      for (Map.Entry<String, Set<String>> judged : relevant(data, Set.copyOf(ids)).entrySet()) {
        if (answers.size() == questions) {
          break;
        }
        String question = claims.get(judged.getKey());
        List<Content> contents = retriever.retrieve(Query.from(question));
        Answer answer = new Answer(question, judged.getValue(), contents);
        answers.add(answer);
        if (print) {
          print(answer);
        }
      }
      return answers;
    }
  }

  private static void print(Answer answer) {
    System.out.printf(Locale.ROOT, "%nQuestion: %s%nContext for the prompt:%n", answer.question());
    for (Content content : answer.contents()) {
      TextSegment segment = content.textSegment();
      String id = segment.metadata().getString("doc_id");
      String text = segment.text().replace('\n', ' ');
      System.out.printf(Locale.ROOT, "  [%s] score %.4f%s  %s%n", id,
          (double) content.metadata().get(ContentMetadata.SCORE),
          answer.relevant().contains(id) ? "  (relevant per SciFact qrels)" : "",
          text.length() > 160 ? text.substring(0, 160) + "..." : text);
    }
  }

  /** Query id to claim text. */
  private static Map<String, String> claims(Path data) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(data.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode query = JSON.readTree(line);
      out.put(query.get("_id").asText(), query.get("text").asText());
    }
    return out;
  }

  /** Test query id to its judged-relevant abstracts, for queries whose relevant abstracts were all ingested. */
  private static Map<String, Set<String>> relevant(Path data, Set<String> ingested) throws IOException {
    Map<String, Set<String>> byQuery = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(data.resolve("qrels/test.tsv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t");
      byQuery.computeIfAbsent(columns[0], q -> new java.util.HashSet<>()).add(columns[1]);
    }
    byQuery.values().removeIf(docs -> !ingested.containsAll(docs));
    return byQuery;
  }
}
