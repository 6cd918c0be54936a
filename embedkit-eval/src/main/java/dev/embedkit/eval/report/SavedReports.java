package dev.embedkit.eval.report;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.OutputFile;
import dev.embedkit.model.EmbedkitHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Keeps each finished evaluation as a JSON file in {@code $EMBEDKIT_HOME/eval-reports}
 * ({@code TASK-yyyyMMdd-HHmmss-SSS.json}, written whole or not at all), so that {@code embedkit serve}'s web page can
 * show the scores beside the models they were measured on. Nothing is ever read back by the evaluation itself.
 */
public final class SavedReports {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final Path folder;
  private final Clock clock;

  public SavedReports(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /** The reports folder of {@code $EMBEDKIT_HOME}. */
  public static SavedReports inHome() {
    return new SavedReports(EmbedkitHome.evalReports(), Clock.systemUTC());
  }

  /**
   * Writes the report and returns its file.
   *
   * @throws EmbedkitException when the folder cannot be created or the file written (the caller decides whether that
   *     matters: the CLI warns and keeps its exit code)
   */
  public Path save(EvalReport report) {
    Instant now = clock.instant();
    EmbedkitHome.createFolder(folder);
    Path file = folder.resolve(report.task() + "-" + STAMP.format(now) + ".json");
    try (OutputFile out = OutputFile.open(file)) {
      out.stream().write(JsonReport.renderSaved(report, now).getBytes(StandardCharsets.UTF_8));
      out.commit();
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
