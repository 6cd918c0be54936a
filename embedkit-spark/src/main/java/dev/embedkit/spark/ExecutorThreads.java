package dev.embedkit.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * How many inference threads the one shared model of an executor JVM gets, when the caller does not say.
 *
 * <p>The rule follows from how a loaded model runs concurrent calls: it owns one fixed pool of {@code threads} workers
 * ({@code InferencePlan.forGraph}: {@code threads} workers with one ONNX Runtime thread each), and every call, from
 * any task, splits its rows into length-sorted batches that queue on that same pool. Concurrent tasks therefore share
 * the pool instead of each adding threads: the pool's size is what bounds CPU use, and it should be the cores that all
 * of the executor's tasks may use together, the executor's cores. Sizing it by {@code spark.task.cpus} instead would
 * give 1 worker for the whole executor and run its tasks one after another.
 *
 * <p>Executor cores: the N of a {@code local[N]} / {@code local[N,F]} master ({@code local[*]}: the machine's
 * processors), else {@code spark.executor.cores}, else the processors this JVM sees (standalone's default gives an
 * executor every core of its worker).
 */
public final class ExecutorThreads {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

  private ExecutorThreads() {}

  /** The executor cores of this JVM's Spark application, as the class comment says. */
  public static int resolve() {
    SparkEnv env = SparkEnv.get();
    return forConf(env == null ? null : env.conf(), Runtime.getRuntime().availableProcessors());
  }

  static int forConf(SparkConf conf, int processors) {
    if (conf == null) {
      return processors;
    }
    Matcher local = LOCAL.matcher(conf.get("spark.master", "").trim());
    if (local.matches()) {
      String n = local.group(1);
      return n == null ? 1 : n.equals("*") ? processors : Math.max(1, Integer.parseInt(n));
    }
    int cores = conf.getInt("spark.executor.cores", 0);
    return cores > 0 ? cores : processors;
  }
}
