package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The default inference threads of an executor's shared model: its cores, from the master or the executor conf. */
class ExecutorThreadsTest {
  private static int threads(String master, String executorCores) {
    SparkConf conf = new SparkConf(false).set("spark.master", master);
    if (executorCores != null) {
      conf.set("spark.executor.cores", executorCores);
    }
    return ExecutorThreads.forConf(conf, 16);
  }

  @Test
  void localMastersGiveTheirThreadCount() {
    assertEquals(2, threads("local[2]", null));
    assertEquals(3, threads("local[3, 4]", null));
    assertEquals(16, threads("local[*]", null));
    assertEquals(1, threads("local", null));
    assertEquals(2, threads("local[2]", "8")); // local mode ignores executor cores: its one executor has N threads
  }

  @Test
  void clusterMastersGiveTheExecutorsCoresElseTheProcessors() {
    assertEquals(4, threads("yarn", "4"));
    assertEquals(6, threads("spark://10.0.0.1:7077", "6"));
    assertEquals(16, threads("spark://10.0.0.1:7077", null));
    assertEquals(16, ExecutorThreads.forConf(null, 16));
  }
}
