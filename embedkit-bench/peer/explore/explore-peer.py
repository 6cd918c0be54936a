#!/usr/bin/python3
"""The explore benchmark's Python peers, on the same .npy points as the Java side.

    /usr/bin/python3 explore-peer.py METHOD POINTS.npy OUTPUT.npy RESULT.json SEED JOBS K PERPLEXITY ITERATIONS

METHOD is one of:
  pca   scikit-learn PCA(n_components=2, random_state=SEED).fit_transform      -> OUTPUT: n x 2 float32
  tsne  scikit-learn TSNE(n_components=2, method="barnes_hut", metric="cosine", init="pca", perplexity=PERPLEXITY,
        n_iter=ITERATIONS, learning_rate="auto", random_state=SEED, n_jobs=JOBS).fit_transform -> n x 2 float32
  knn   pynndescent NNDescent(metric="cosine", n_neighbors=K + 1, random_state=SEED, n_jobs=JOBS).neighbor_graph,
        each point itself dropped from its row                                  -> n x K int32

Started by `bin/bench explore` (dev.embedkit.bench.explore.ExploreBench) with the Debian packages (python3-sklearn,
python3-pynndescent): /usr/bin/python3, not a pyenv python. Times the fit alone: the imports and reading the points
are not timed, nor is numba's compilation for pynndescent (30-40 s here, paid by a process's first call; the Debian
package's folder is not writable, so numba caches nothing): knn fits the first WARMUP_POINTS points once, untimed,
before the timed fit, and reports that warm-up's seconds. Writes RESULT.json: seconds (wall), cpuSeconds (this
process, all threads), peakRssKib (VmHWM from /proc/self/status: getrusage's ru_maxrss would not do, Linux keeps it
across fork and execve, so a process started by a large JVM reports at least that JVM's resident size), versions.
"""
import json
import os
import platform
import sys
import time

import numpy as np

WARMUP_POINTS = 300


def main(argv):
    if len(argv) != 10:
        sys.exit(__doc__)
    method, points_file, output_file, result_file = argv[1:5]
    seed, jobs, k = int(argv[5]), int(argv[6]), int(argv[7])
    perplexity, iterations = float(argv[8]), int(argv[9])
    points = np.load(points_file)
    if points.dtype != np.float32 or points.ndim != 2:
        sys.exit(f"{points_file}: a 2-D float32 array expected, got {points.dtype} {points.shape}")
    versions = {"python": platform.python_version(), "numpy": np.__version__}

    if method == "pca":
        import sklearn
        from sklearn.decomposition import PCA
        versions["scikit-learn"] = sklearn.__version__

        def run():
            return PCA(n_components=2, random_state=seed).fit_transform(points).astype(np.float32)
    elif method == "tsne":
        import sklearn
        from sklearn.manifold import TSNE
        versions["scikit-learn"] = sklearn.__version__

        def run():
            tsne = TSNE(n_components=2, method="barnes_hut", metric="cosine", init="pca", perplexity=perplexity,
                        n_iter=iterations, learning_rate="auto", random_state=seed, n_jobs=jobs)
            return tsne.fit_transform(points).astype(np.float32)
    elif method == "knn":
        import pynndescent
        versions["pynndescent"] = pynndescent.__version__ if hasattr(pynndescent, "__version__") else _dist_version(
            "pynndescent")

        warm = time.perf_counter()
        small = points[:min(WARMUP_POINTS, points.shape[0])]
        pynndescent.NNDescent(small, metric="cosine", n_neighbors=min(k + 1, small.shape[0] - 1), random_state=seed,
                              n_jobs=jobs).neighbor_graph
        versions["warm-up seconds (numba compilation), untimed"] = round(time.perf_counter() - warm, 1)

        def run():
            index = pynndescent.NNDescent(points, metric="cosine", n_neighbors=k + 1, random_state=seed, n_jobs=jobs)
            indices, _ = index.neighbor_graph
            return _without_self(indices, k)
    else:
        sys.exit(f"unknown method {method!r}; accepted: pca, tsne, knn")

    cpu0 = time.process_time()
    t0 = time.perf_counter()
    output = run()
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu0
    np.save(output_file, np.ascontiguousarray(output))
    peak = _peak_rss_kib()
    with open(result_file + ".partial", "w") as f:
        json.dump({"seconds": seconds, "cpuSeconds": cpu_seconds, "peakRssKib": peak, "versions": versions,
                   "pid": os.getpid()}, f)
    os.replace(result_file + ".partial", result_file)
    print(f"explore peer [{method}]: {points.shape[0]:,} points in {seconds:.1f} s, peak RSS {peak / 1024:.0f} MiB",
          file=sys.stderr)


def _peak_rss_kib():
    """VmHWM, this process's peak resident set since its execve, in KiB; -1 where /proc is not there."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def _without_self(indices, k):
    """Each row's k nearest others: the point itself dropped (the last one when it is absent)."""
    out = np.empty((indices.shape[0], k), dtype=np.int32)
    for i, row in enumerate(indices):
        others = row[row != i]
        out[i] = others[:k]
    return out


def _dist_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:  # noqa: BLE001 - a version is only for the report
        return "unknown"


if __name__ == "__main__":
    main(sys.argv)
