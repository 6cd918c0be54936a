package dev.embedkit.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.bench.store.StoreResults.EngineResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peer: hnswlib through the npm package hnswlib-node, run by node on the same files ({@code store-peer.js} in
 * the peer folder; {@code bin/bench store} runs {@code npm ci} there first when its node_modules is missing).
 */
record HnswlibPeer(String node, Path dir) {

  String nodeVersion() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
    String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    process.waitFor();
    return version;
  }

  /** The installed hnswlib-node's version, from its package.json. */
  String version() throws IOException {
    Path packageJson = dir.resolve("node_modules/hnswlib-node/package.json");
    if (!Files.exists(packageJson)) {
      throw new IllegalStateException("hnswlib-node is not installed: run `npm ci` in " + dir.toAbsolutePath());
    }
    JsonNode json = StoreBench.reader().readTree(packageJson.toFile());
    return json.path("version").asText();
  }

  EngineResult run(EngineSpec spec) throws IOException, InterruptedException {
    Path specFile = Path.of(spec.result() + ".spec.json");
    Path result = Path.of(spec.result());
    Files.deleteIfExists(result);
    StoreBench.reader().writeValue(specFile.toFile(), spec);
    Process process = new ProcessBuilder(List.of(node, "--expose-gc", "store-peer.js", specFile.toString()))
        .directory(dir.toFile()).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException("hnswlib peer: node exited with " + exit + " (its output is above)");
    }
    return StoreBench.reader().readValue(result.toFile(), EngineResult.class);
  }
}
