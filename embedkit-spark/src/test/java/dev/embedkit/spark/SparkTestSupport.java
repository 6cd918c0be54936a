package dev.embedkit.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** One in-process Spark per test class (no UI, bound to 127.0.0.1, two shuffle partitions) and the test inputs. */
public final class SparkTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkTestSupport() {}

  public static SparkSession start(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("embedkit-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Texts of varied lengths and scripts, with a null and an empty one among them. */
  public static List<String> texts() {
    List<String> texts = new ArrayList<>(List.of(
        "The weather is lovely today.",
        "It's so sunny outside!",
        "He drove to the stadium.",
        "Ein Hund läuft über die Wiese.",
        "東京は日本の首都です。",
        "A man is playing a guitar on a stage while the crowd sings along to every word of the chorus.",
        "   leading and trailing spaces   ",
        "x"));
    for (int i = 0; i < 30; i++) {
      texts.add("Sentence number " + i + " is about " + (i % 3 == 0 ? "cats" : i % 3 == 1 ? "databases" : "rivers")
          + " and it repeats " + "more words ".repeat(i % 7));
    }
    texts.add(5, null);
    texts.add(9, "");
    return texts;
  }

  /** One JSON object per line: {"id": i, "text": ...}; a null text is written as null. */
  public static Path jsonl(Path path, List<String> texts) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode node = JSON.createObjectNode().put("id", (long) i);
      if (texts.get(i) == null) {
        node.putNull("text");
      } else {
        node.put("text", texts.get(i));
      }
      out.append(JSON.writeValueAsString(node)).append('\n');
    }
    Files.writeString(path, out, StandardCharsets.UTF_8);
    return path;
  }
}
