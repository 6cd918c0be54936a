package dev.embedkit.bench.explore;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A peer library run in its own process on the same .npy points: scikit-learn and pynndescent through
 * {@code explore-peer.py} (Python), umap-js through {@code umap-js/umap-peer.js} (node). Each times its fit alone and
 * writes its output as .npy and its numbers as JSON; a run over the time limit is stopped and reported as such.
 *
 * @param name sklearn, pynndescent or umap-js
 * @param engine the row's engine: the library and its version
 * @param unavailable why the peer cannot run (its rows then say so); null when it can
 * @param command the command before the run's own arguments
 * @param dir the folder it runs in
 * @param settings what it runs per method, for the report
 */
record Peer(String name, String engine, String unavailable, List<String> command, Path dir,
    Map<String, String> settings) {

  ExploreResult run(String method, int n, Path points, Path output, Path result, ExploreBench options)
      throws IOException, InterruptedException {
    if (unavailable != null) {
      return ExploreResult.notRun(engine, method, n, ExploreResult.NOT_RUN, unavailable, -1);
    }
    Files.deleteIfExists(output);
    Files.deleteIfExists(result);
    List<String> args = new ArrayList<>(command);
    if (name.equals("umap-js")) {
      args.addAll(List.of(points.toString(), output.toString(), result.toString(), Long.toString(options.seed()),
          Integer.toString(options.umapNeighbours()), Double.toString(options.umapMinDist()),
          Integer.toString(options.umapEpochs())));
    } else {
      args.addAll(List.of(method, points.toString(), output.toString(), result.toString(),
          Long.toString(options.seed()), Integer.toString(options.jobs()), Integer.toString(options.knnK()),
          Double.toString(options.perplexity()), Integer.toString(options.tsneIterations())));
    }
    System.err.printf("explore bench: %s %s, %,d points (time limit %s)%n", engine, method, n,
        options.peerTimeout() > 0 ? options.peerTimeout() + " s" : "none");
    ProcessBuilder builder = new ProcessBuilder(args).directory(dir.toFile()).inheritIO();
    for (String e : options.peerEnvironment()) {
      int at = e.indexOf('=');
      builder.environment().put(e.substring(0, at), e.substring(at + 1));
    }
    Process process = builder.start();
    Processes.Ending end = Processes.await(process, options.peerTimeout());
    if (end.timedOut()) {
      System.err.printf("explore bench: %s %s stopped after %d s%n", engine, method, options.peerTimeout());
      return ExploreResult.notRun(engine, method, n, ExploreResult.TIMED_OUT,
          "did not finish in " + options.peerTimeout() + " s", end.peakRssKib());
    }
    if (end.exit() != 0 || !Files.exists(result) || !Files.exists(output)) {
      return ExploreResult.notRun(engine, method, n, ExploreResult.FAILED,
          "exited with " + end.exit() + " (its output is above)", -1);
    }
    JsonNode json = ExploreBench.readTree(result);
    Map<String, String> versions = new LinkedHashMap<>();
    json.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asText()));
    Map<String, String> facts = new LinkedHashMap<>();
    String warmup = versions.remove("warm-up seconds (numba compilation), untimed");
    if (warmup != null) {
      facts.put("untimed warm-up (numba compilation)", warmup + " s");
    }
    if (json.has("epochs")) {
      facts.put("epochs", json.path("epochs").asText());
    }
    return new ExploreResult(engine, method, n, ExploreResult.OK, settings.getOrDefault(method, ""),
        json.path("seconds").asDouble(), json.path("cpuSeconds").asDouble(), json.path("peakRssKib").asLong(-1), -1,
        output.toString(), facts, versions);
  }
}
