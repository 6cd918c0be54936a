package dev.embedkit.bench.explore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The peers asked for, each with its version, or why it cannot run, found before any run starts. */
record Peers(Map<String, Peer> byMethod, List<String> descriptions) {

  static Peers probe(String python, String node, int nodeHeapMib, Path peerDir, List<String> names) {
    Map<String, Peer> byMethod = new LinkedHashMap<>();
    List<String> descriptions = new ArrayList<>();
    Path script = peerDir.resolve("explore-peer.py").toAbsolutePath();
    String pythonVersion = Processes.firstLine(List.of(python, "-c", "import platform, numpy;"
        + " print(platform.python_version(), numpy.__version__)"));
    if (names.contains("sklearn")) {
      String version = Processes.firstLine(List.of(python, "-c", "import sklearn; print(sklearn.__version__)"));
      String engine = "scikit-learn " + (version == null ? "" : version);
      String unavailable = version == null ? python + " cannot import sklearn (Debian: apt-get install"
          + " python3-sklearn; a pyenv python lacks it)" : null;
      Map<String, String> settings = Map.of(
          "pca", "PCA(n_components=2, random_state=SEED).fit_transform (svd_solver auto)",
          "tsne", "TSNE(n_components=2, method='barnes_hut', metric='cosine', init='pca', perplexity, n_iter,"
              + " learning_rate='auto', random_state=SEED, n_jobs=JOBS).fit_transform");
      Peer peer = new Peer("sklearn", engine.strip(), unavailable, List.of(python, script.toString()), peerDir,
          settings);
      byMethod.put("pca", peer);
      byMethod.put("tsne", peer);
      descriptions.add(version == null ? "scikit-learn: " + unavailable : String.format("scikit-learn %s on Python"
          + " %s (numpy %s), %s", version, pythonVersion == null ? "?" : pythonVersion.split(" ")[0],
          pythonVersion == null ? "?" : pythonVersion.split(" ")[1], python));
    }
    if (names.contains("pynndescent")) {
      String version = Processes.firstLine(List.of(python, "-c", "import pynndescent;"
          + " from importlib.metadata import version; print(version('pynndescent'))"));
      String unavailable = version == null ? python + " cannot import pynndescent (Debian: apt-get install"
          + " python3-pynndescent)" : null;
      Peer peer = new Peer("pynndescent", ("pynndescent " + (version == null ? "" : version)).strip(), unavailable,
          List.of(python, script.toString()), peerDir, Map.of("knn", "NNDescent(metric='cosine', n_neighbors=K + 1,"
              + " random_state=SEED, n_jobs=JOBS).neighbor_graph, each point dropped from its own row; an untimed"
              + " fit on 300 points first (numba's compilation)"));
      byMethod.put("knn", peer);
      descriptions.add(version == null ? "pynndescent: " + unavailable : "pynndescent " + version + " (numba "
          + Processes.firstLine(List.of(python, "-c", "import numba; print(numba.__version__)")) + ")");
    }
    if (names.contains("umap-js")) {
      Path dir = peerDir.resolve("umap-js").toAbsolutePath();
      Path packageJson = dir.resolve("node_modules/umap-js/package.json");
      String nodeVersion = Processes.firstLine(List.of(node, "--version"));
      String version = null;
      String unavailable = null;
      if (nodeVersion == null) {
        unavailable = "no node binary '" + node + "'";
      } else if (!Files.exists(packageJson)) {
        unavailable = "umap-js is not installed: run `npm ci` in " + dir;
      } else {
        try {
          version = ExploreBench.readTree(packageJson).path("version").asText();
        } catch (java.io.IOException e) {
          unavailable = "cannot read " + packageJson + ": " + e.getMessage();
        }
      }
      Peer peer = new Peer("umap-js", ("umap-js " + (version == null ? "" : version)).strip(), unavailable,
          List.of(node, "--max-old-space-size=" + nodeHeapMib, "umap-peer.js"), dir,
          Map.of("umap", "new UMAP({nComponents: 2, nNeighbors, minDist, nEpochs (0: umap-js's default), random:"
              + " seeded mulberry32, distanceFn: 1 - dot}).fit"));
      byMethod.put("umap", peer);
      descriptions.add(unavailable != null ? "umap-js: " + unavailable : "umap-js " + version + " on node "
          + nodeVersion + " (--max-old-space-size=" + nodeHeapMib + "), one thread");
    }
    return new Peers(byMethod, descriptions);
  }

  Peer forMethod(String method) {
    return byMethod.get(method);
  }

  String describe() {
    return descriptions.isEmpty() ? "none" : String.join("; ", descriptions);
  }
}
