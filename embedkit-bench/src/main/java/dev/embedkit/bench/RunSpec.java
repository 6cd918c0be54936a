package dev.embedkit.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the benchmark: a target and the JVM options of its child (system properties that tune embedkit).
 *
 * @param label the row's name in the report, e.g. {@code embedkit-fp32 maxBatchSize=8}
 * @param target what runs
 * @param jvmArgs options for this row's child JVM only
 */
record RunSpec(String label, Target target, List<String> jvmArgs) {
  RunSpec {
    jvmArgs = List.copyOf(jvmArgs);
  }

  static RunSpec plain(Target target) {
    return new RunSpec(target.label(), target, List.of());
  }

  /**
   * Rows for the targets; with a sweep such as {@code embedkit.maxBatchSize=4,8,16}, one row per value for each
   * embedkit target (the peer ignores embedkit's properties, so it keeps one row).
   */
  static List<RunSpec> expand(List<Target> targets, String sweep) {
    List<RunSpec> specs = new ArrayList<>();
    if (sweep == null || sweep.isBlank()) {
      targets.forEach(t -> specs.add(plain(t)));
      return specs;
    }
    int eq = sweep.indexOf('=');
    if (eq <= 0 || eq == sweep.length() - 1) {
      throw new IllegalArgumentException("--sweep must look like PROPERTY=V1,V2,...; got '" + sweep + "'");
    }
    String property = sweep.substring(0, eq).strip();
    String shortName = property.startsWith("embedkit.") ? property.substring("embedkit.".length()) : property;
    for (Target target : targets) {
      if (!target.embedkit()) {
        specs.add(plain(target));
        continue;
      }
      for (String value : sweep.substring(eq + 1).split(",")) {
        specs.add(new RunSpec(target.label() + " " + shortName + "=" + value.strip(), target,
            List.of("-D" + property + "=" + value.strip())));
      }
    }
    return specs;
  }
}
