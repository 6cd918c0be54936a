package dev.embedkit.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  @Test
  void terminalBarRedrawsOneLineAndEndsWithANewLine() {
    StringWriter out = new StringWriter();
    ProgressBar bar = ProgressBar.on(new PrintWriter(out), "embedding", 4, ProgressBar.Unit.of("texts"), true);
    bar.advance(4);
    bar.finish();
    String text = out.toString();
    assertTrue(text.startsWith("\rembedding  [########################]  100%  4/4 texts"), text);
    assertTrue(text.endsWith(System.lineSeparator()), text);
    assertEquals(1, text.chars().filter(c -> c == '\n').count(), "redraws stay on one line");
  }

  @Test
  void plainModeEndsWithASummary() {
    StringWriter out = new StringWriter();
    ProgressBar bar = ProgressBar.on(new PrintWriter(out), "embedded", 300, ProgressBar.Unit.of("texts"), false);
    bar.advance(100);
    bar.advance(200);
    bar.finish();
    assertTrue(out.toString().startsWith("embedded: 300 texts in "), out.toString());
  }

  @Test
  void bytesAreShownInReadableUnitsAndResumedProgressCountsFromWhereItWas() {
    StringWriter out = new StringWriter();
    ProgressBar bar = ProgressBar.on(new PrintWriter(out), "", 0, ProgressBar.Unit.BYTES, true)
        .next("onnx/model.onnx", 90_400_000L, 45_200_000L);
    bar.finish();
    assertTrue(out.toString().contains("50%  45.2 MB/90.4 MB"), out.toString());
  }

  @Test
  void silentDrawsNothing() {
    ProgressBar.SILENT.advance(10);
    ProgressBar.SILENT.finish();
    assertEquals(ProgressBar.SILENT, ProgressBar.SILENT.next("x", 3));
    assertEquals("1.0 kB", ByteSize.human(1000));
    assertEquals("999 B", ByteSize.human(999));
  }
}
