package dev.embedkit.explore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.MapItem;
import dev.embedkit.explore.MapSources;
import dev.embedkit.explore.mine.DuplicateGroup;
import dev.embedkit.explore.mine.MiningOptions;
import dev.embedkit.explore.mine.NearDuplicates;
import dev.embedkit.explore.mine.ParaphraseMining;
import dev.embedkit.explore.mine.ScoredPair;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.vector.VectorMath;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit mine paraphrases|duplicates}: the most similar pairs of a set (sentence-transformers' paraphrase
 * mining: the top pairs by cosine, computed in chunks so the n x n matrix never exists), or its groups of near
 * duplicates (pairs above a threshold, joined into connected groups).
 */
@Command(name = "mine", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Find paraphrases (the most similar pairs) or groups of near duplicates in texts, a file or a"
        + " collection.")
public final class MineCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Mode { PARAPHRASES, DUPLICATES }

  enum Format { TABLE, JSON }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "paraphrases or duplicates.")
  String what;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT", description = "Texts to search.")
  List<String> texts = new ArrayList<>();

  @Mixin ExploreInput source;

  @Option(names = "--threshold", paramLabel = "T",
      description = "paraphrases: leave out pairs below T (default: none); duplicates: pairs at or above T are"
          + " duplicates (default: " + NearDuplicates.DEFAULT_THRESHOLD + ").")
  Double threshold;

  @Option(names = {"-k", "--top-k"}, paramLabel = "K", defaultValue = "100",
      description = "Pairs considered per input (sentence-transformers' top_k). Default: ${DEFAULT-VALUE}.")
  int topK;

  @Option(names = "--max-pairs", paramLabel = "N", defaultValue = "500000",
      description = "paraphrases: at most N pairs, the best. Default: ${DEFAULT-VALUE}.")
  int maxPairs;

  @Option(names = "--limit", paramLabel = "N", description = "Print at most N pairs or groups (default: all).")
  Integer limit;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws Exception {
    Mode mode = mode(what);
    if (threshold != null && !(threshold >= -1 && threshold <= 1)) {
      throw EmbedkitException.invalidInput("--threshold is " + threshold + "; accepted: a cosine from -1 to 1");
    }
    if (topK < 1) {
      throw EmbedkitException.invalidInput("--top-k is " + topK + "; accepted: 1 or more");
    }
    if (maxPairs < 1) {
      throw EmbedkitException.invalidInput("--max-pairs is " + maxPairs + "; accepted: 1 or more");
    }
    if (limit != null && limit < 1) {
      throw EmbedkitException.invalidInput("--limit is " + limit + "; accepted: 1 or more");
    }
    MapSources.Loaded loaded = source.load(texts, null, false, spec.commandLine().getErr());
    float[][] unit = unit(loaded.vectors());
    PrintWriter out = spec.commandLine().getOut();
    if (mode == Mode.PARAPHRASES) {
      MiningOptions options = MiningOptions.DEFAULT.withMaxPairs(maxPairs).withTopK(topK)
          .withThreshold(threshold == null ? MiningOptions.NO_THRESHOLD : threshold);
      printPairs(out, loaded.items(), ParaphraseMining.mine(unit, options));
    } else {
      double t = threshold == null ? NearDuplicates.DEFAULT_THRESHOLD : threshold;
      printGroups(out, loaded.items(), NearDuplicates.find(unit, t, topK), t);
    }
    out.flush();
    return 0;
  }

  static Mode mode(String value) {
    for (Mode m : Mode.values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw EmbedkitException.invalidInput("unknown mining '" + value + "'; accepted: paraphrases, duplicates");
  }

  private void printPairs(PrintWriter out, List<MapItem> items, List<ScoredPair> pairs) throws Exception {
    int shown = limit == null ? pairs.size() : Math.min(limit, pairs.size());
    if (format == Format.JSON) {
      ObjectNode root = JSON.createObjectNode();
      root.put("inputs", items.size());
      ArrayNode list = root.putArray("pairs");
      for (ScoredPair p : pairs.subList(0, shown)) {
        ObjectNode pair = list.addObject();
        pair.put("score", p.score());
        item(pair.putObject("first"), items, p.first());
        item(pair.putObject("second"), items, p.second());
      }
      out.println(JSON.writeValueAsString(root));
      return;
    }
    if (pairs.isEmpty()) {
      out.println("no pairs" + (threshold == null ? "" : " at or above " + threshold));
      return;
    }
    AlignedTable table = new AlignedTable("score", "first", "second");
    for (ScoredPair p : pairs.subList(0, shown)) {
      table.row(String.format(Locale.ROOT, "%.4f", p.score()), shorten(items.get(p.first()).text(), 50),
          shorten(items.get(p.second()).text(), 50));
    }
    table.print(out);
  }

  private void printGroups(PrintWriter out, List<MapItem> items, List<DuplicateGroup> groups, double t)
      throws Exception {
    int shown = limit == null ? groups.size() : Math.min(limit, groups.size());
    int duplicates = groups.stream().mapToInt(g -> g.members().length - 1).sum();
    if (format == Format.JSON) {
      ObjectNode root = JSON.createObjectNode();
      root.put("inputs", items.size());
      root.put("threshold", t);
      root.put("groups_found", groups.size());
      root.put("duplicates", duplicates);
      ArrayNode list = root.putArray("groups");
      for (DuplicateGroup g : groups.subList(0, shown)) {
        ObjectNode group = list.addObject();
        group.put("size", g.members().length);
        group.put("min_score", g.minScore());
        group.put("max_score", g.maxScore());
        item(group.putObject("representative"), items, g.representative());
        ArrayNode members = group.putArray("members");
        for (int m : g.members()) {
          item(members.addObject(), items, m);
        }
      }
      out.println(JSON.writeValueAsString(root));
      return;
    }
    out.printf(Locale.ROOT, "%,d inputs: %,d group%s of near duplicates (cosine >= %s), %,d inputs that duplicate"
        + " another%n", items.size(), groups.size(), groups.size() == 1 ? "" : "s", t, duplicates);
    int n = 0;
    for (DuplicateGroup g : groups.subList(0, shown)) {
      out.printf(Locale.ROOT, "%ngroup %d: %d inputs, similarity %.4f to %.4f%n", ++n, g.members().length,
          g.minScore(), g.maxScore());
      for (int m : g.members()) {
        out.printf("  %s %s  %s%n", m == g.representative() ? "*" : "-", items.get(m).id(),
            shorten(items.get(m).text(), 70));
      }
    }
  }

  private static void item(ObjectNode node, List<MapItem> items, int index) {
    node.put("index", index);
    node.put("id", items.get(index).id());
    node.put("text", items.get(index).text());
  }

  /** One line of at most {@code width} characters. */
  static String shorten(String text, int width) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= width ? flat : flat.substring(0, width - 1) + "…";
  }

  static float[][] unit(float[][] vectors) {
    float[][] out = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      for (int d = 0; d < vectors[i].length; d++) {
        if (!Float.isFinite(vectors[i][d])) {
          throw EmbedkitException.invalidInput("input " + (i + 1) + " has " + vectors[i][d] + " at dimension " + d
              + "; only finite vectors can be compared");
        }
      }
      out[i] = vectors[i].clone();
      VectorMath.normalizeInPlace(out[i]);
    }
    return out;
  }

}
