package dev.embedkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock the test moves by hand: no sleeps, no timing. */
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final StringWriter out = new StringWriter();

  private ProgressBar bar(String label, long total, ProgressBar.Unit unit, boolean terminal) {
    return ProgressBar.on(new PrintWriter(out), label, total, unit, terminal, now::get);
  }

  private void after(double seconds) {
    now.addAndGet((long) (seconds * SECOND));
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void terminalBarRedrawsOneLineAndEndsWithANewLine() {
    ProgressBar bar = bar("embedding", 4, ProgressBar.Unit.of("texts"), true);
    bar.advance(4);
    bar.finish();
    String text = out.toString();
    assertTrue(text.startsWith("\rembedding  [########################]  100%  4/4 texts"), text);
    assertTrue(text.endsWith(System.lineSeparator()), text);
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "redraws stay on one line");
  }

  @Test
  void terminalBarRedrawsAtMostFiveTimesASecond() {
    ProgressBar bar = bar("embedding", 1000, ProgressBar.Unit.of("texts"), true);
    bar.advance(1);
    after(0.1);
    bar.advance(1);
    assertEquals("", out.toString(), "nothing within the first 200 ms");
    after(0.1);
    bar.advance(1);
    assertEquals(1, out.toString().chars().filter(c -> c == '\r').count(), out.toString());
  }

  @Test
  void plainLinesMarkEachQuarterAndEveryTenSecondsThenASummary() {
    ProgressBar bar = bar("onnx/model.onnx", 1_000_000, ProgressBar.Unit.BYTES, false);
    after(1);
    bar.advance(100_000);
    assertEquals(List.of(), lines(), "10% after 1 s: nothing yet");
    after(1);
    bar.advance(150_000);
    assertEquals(List.of("onnx/model.onnx: 25% 250.0 kB/1.0 MB, 125.0 kB/s, ETA 6 s"), lines());
    after(4);
    bar.advance(10_000);
    assertEquals(1, lines().size(), "26%, 4 s after the last line: nothing");
    after(6);
    bar.advance(10_000);
    assertEquals("onnx/model.onnx: 27% 270.0 kB/1.0 MB, 22.5 kB/s, ETA 32 s", lines().get(1), "10 s since the last line");
    bar.advance(500_000);
    assertEquals("onnx/model.onnx: 77% 770.0 kB/1.0 MB, 64.2 kB/s, ETA 4 s", lines().get(2),
        "one line for 50% and 75% crossed at once");
    bar.advance(230_000);
    assertEquals(3, lines().size(), "100% is left to the summary");
    after(3);
    bar.finish();
    assertEquals("onnx/model.onnx: 1.0 MB in 15.0 s (66.7 kB/s)", lines().get(3));
    assertEquals(4, lines().size());
  }

  @Test
  void plainLinesWithoutATotalComeEveryTenSeconds() {
    ProgressBar bar = bar("embedded", 0, ProgressBar.Unit.of("texts"), false);
    after(9);
    bar.advance(90);
    assertEquals(List.of(), lines());
    after(1);
    bar.advance(10);
    after(1);
    bar.advance(10);
    bar.finish();
    assertEquals(List.of("embedded: 100 texts, 10.0 texts/s", "embedded: 110 texts in 11.0 s (10.0 texts/s)"), lines());
  }

  @Test
  void aShortTaskPrintsOnlyItsSummary() {
    ProgressBar bar = bar("config.json", 700, ProgressBar.Unit.BYTES, false);
    bar.advance(700);
    after(0.5);
    bar.finish();
    assertEquals(List.of("config.json: 700 B in 0.5 s (1.4 kB/s)"), lines());
  }

  @Test
  void aResumedDownloadDoesNotAnnounceTheQuartersItAlreadyHad() {
    ProgressBar bar = bar("", 0, ProgressBar.Unit.BYTES, false).next("onnx/model.onnx", 1000, 600);
    after(1);
    bar.advance(100);
    assertEquals(List.of(), lines(), "60% to 70%: no quarter crossed");
    bar.advance(100);
    assertEquals(List.of("onnx/model.onnx: 80% 800 B/1.0 kB, 200 B/s, ETA 1 s"), lines(), "the rate counts new bytes only");
  }

  @Test
  void bytesAreShownInReadableUnitsAndResumedProgressCountsFromWhereItWas() {
    ProgressBar bar = bar("", 0, ProgressBar.Unit.BYTES, true).next("onnx/model.onnx", 90_400_000L, 45_200_000L);
    bar.finish();
    assertTrue(out.toString().contains("50%  45.2 MB/90.4 MB"), out.toString());
  }

  @Test
  void silentDrawsNothing() {
    ProgressBar.SILENT.advance(10);
    ProgressBar.SILENT.finish();
    assertEquals(ProgressBar.SILENT, ProgressBar.SILENT.next("x", 3));
    assertEquals(ProgressBar.SILENT, ProgressMode.OFF.bar(new PrintWriter(out), "x", 3, ProgressBar.Unit.BYTES));
    assertEquals("1.0 kB", ByteSize.human(1000));
    assertEquals("999 B", ByteSize.human(999));
  }

  @Test
  void stderrThatIsNotATerminalGetsPlainLines() {
    Properties none = new Properties();
    assertEquals(ProgressMode.LINES, ProgressMode.forStderr(none, Map.of(), false));
    assertEquals(ProgressMode.LIVE, ProgressMode.forStderr(none, Map.of(), true));
    assertEquals(ProgressMode.LINES, ProgressMode.forStderr(none, Map.of("TERM", "dumb"), true), "a dumb terminal cannot redraw");
    Properties redirected = new Properties();
    redirected.setProperty(ProgressMode.STDERR_TERMINAL_PROPERTY, "false");
    assertEquals(ProgressMode.LINES, ProgressMode.forStderr(redirected, Map.of(), true),
        "the launcher's [ -t 2 ] wins over a console on stdin/stdout");
    Properties terminal = new Properties();
    terminal.setProperty(ProgressMode.STDERR_TERMINAL_PROPERTY, "true");
    assertEquals(ProgressMode.LIVE, ProgressMode.forStderr(terminal, Map.of(), false));
    assertEquals(ProgressMode.LIVE, ProgressMode.requested(true));
    assertEquals(ProgressMode.OFF, ProgressMode.requested(false));
  }
}
