package dev.embedkit.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation reports {@code embedkit eval} keeps in {@code $EMBEDKIT_HOME/eval-reports} (eval's
 * {@code SavedReports}), read for the web page's models view: newest first, at most {@link #MOST} files of at most
 * {@link #MOST_BYTES} each; a file that is not such a report is skipped and logged, never an error for the page.
 */
public final class EvalReports {
  static final int MOST = 50;
  static final long MOST_BYTES = 1L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(EvalReports.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;

  public EvalReports(Path folder) {
    this.folder = folder;
  }

  /** The reports, each with its file name added as {@code "file"}; empty when the folder does not exist. */
  public List<JsonNode> newestFirst() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
          .sorted(Comparator.comparingLong(EvalReports::modified).reversed())
          .toList();
    } catch (IOException e) {
      LOG.warn("cannot list evaluation reports in {}: {}", folder, e.getMessage());
      return List.of();
    }
    List<JsonNode> reports = new ArrayList<>();
    for (Path file : files) {
      if (reports.size() == MOST) {
        break;
      }
      JsonNode report = read(file);
      if (report != null) {
        reports.add(report);
      }
    }
    return reports;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static JsonNode read(Path file) {
    try {
      if (Files.size(file) > MOST_BYTES) {
        LOG.warn("skipping evaluation report {}: larger than {} bytes", file, MOST_BYTES);
        return null;
      }
      JsonNode root = JSON.readTree(file.toFile());
      if (root == null || !root.isObject() || !root.path("task").isTextual() || !root.path("results").isArray()) {
        LOG.warn("skipping {}: not an embedkit evaluation report (no 'task' and 'results')", file);
        return null;
      }
      ((ObjectNode) root).put("file", file.getFileName().toString());
      return root;
    } catch (IOException e) {
      LOG.warn("skipping evaluation report {}: {}", file, e.getMessage());
      return null;
    }
  }
}
