package dev.embedkit.spring.ai.example;

import dev.embedkit.store.Collection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Retrieval over BEIR SciFact with nothing but the starter's beans: the auto-configured VectorStore ingests the first
 * {@code --scifact.limit} abstracts (2,000 by default; once: a collection that already holds them is reused), then
 * answers {@code --scifact.query}, or, without one, three of SciFact's test claims whose judged evidence was ingested,
 * marking judged-relevant hits with {@code *}.
 *
 * <pre>
 * mvn -q -pl embedkit-spring-ai -am process-test-classes -Pscifact-example
 * mvn -q -pl embedkit-spring-ai -am process-test-classes -Pscifact-example \
 *     -Dexample.args="--embedkit.collections-root=target/scifact --scifact.query='Vitamin D lowers cancer risk'"
 * </pre>
 */
@SpringBootApplication
public class SciFactSearch {
  public static final int DEFAULT_LIMIT = 2000;
  public static final int TOP_K = 5;

  public static void main(String[] args) {
    try (ConfigurableApplicationContext context = application().run(args)) {
      ApplicationArguments arguments = context.getBean(ApplicationArguments.class);
      run(context.getBean(VectorStore.class), option(arguments, "scifact.dir"),
          Integer.parseInt(orDefault(option(arguments, "scifact.limit"), String.valueOf(DEFAULT_LIMIT))),
          option(arguments, "scifact.query"), System.out);
    }
  }

  /** The application: a command-line one (no web server), its collection named "scifact" unless told otherwise. */
  static SpringApplication application() {
    SpringApplication app = new SpringApplication(SciFactSearch.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(Map.of("embedkit.collection.name", "scifact", "spring.main.banner-mode", "off"));
    return app;
  }

  /** One query's results: the judged-relevant ids (empty for a free query) and the hits. */
  record Answer(String query, Set<String> relevant, List<Document> hits) {
    long relevantHits() {
      return hits.stream().filter(hit -> relevant.contains(hit.getId())).count();
    }
  }

  /** Ingests (when needed), searches and prints; returns the answers. */
  static List<Answer> run(VectorStore store, String dir, int limit, String query, PrintStream out) {
    SciFact data = SciFact.locate(dir);
    List<Document> corpus = data.corpus(limit);
    Collection collection = store.<Collection>getNativeClient().orElseThrow();
    if (collection.count() < corpus.size()) {
      long start = System.nanoTime();
      for (int from = 0; from < corpus.size(); from += 500) {
        store.add(corpus.subList(from, Math.min(corpus.size(), from + 500)));
        out.printf("ingested %d / %d%n", Math.min(corpus.size(), from + 500), corpus.size());
      }
      out.printf("ingested %d SciFact abstracts in %.1f s%n", corpus.size(), (System.nanoTime() - start) / 1e9);
    } else {
      out.printf("collection '%s' already holds %d documents%n", collection.config().name(), collection.count());
    }
    List<Answer> answers = new ArrayList<>();
    if (query != null && !query.isBlank()) {
      answers.add(new Answer(query, Set.of(), search(store, query)));
    } else {
      Set<String> ingested = new java.util.HashSet<>(corpus.stream().map(Document::getId).toList());
      Map<String, String> queries = data.queries();
      for (var judged : data.testJudgements().entrySet()) {
        if (answers.size() == 3) {
          break;
        }
        if (ingested.containsAll(judged.getValue())) {
          String text = queries.get(judged.getKey());
          answers.add(new Answer(text, judged.getValue(), search(store, text)));
        }
      }
    }
    for (Answer answer : answers) {
      out.printf("%nQ: %s%n", answer.query());
      for (Document hit : answer.hits()) {
        out.printf("  %s %.4f  %-9s %s%n", answer.relevant().contains(hit.getId()) ? "*" : " ", hit.getScore(),
            hit.getId(), shorten((String) hit.getMetadata().get("title")));
      }
    }
    return answers;
  }

  static List<Document> search(VectorStore store, String query) {
    return store.similaritySearch(SearchRequest.builder().query(query).topK(TOP_K).build());
  }

  private static String option(ApplicationArguments arguments, String name) {
    List<String> values = arguments.getOptionValues(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String shorten(String title) {
    return title.length() <= 90 ? title : title.substring(0, 87) + "...";
  }
}
