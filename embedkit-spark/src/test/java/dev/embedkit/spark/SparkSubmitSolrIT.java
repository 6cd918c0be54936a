package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.solr.SolrBackend;
import dev.embedkit.solr.SolrCollection;
import dev.embedkit.solr.SolrCollections;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.ModelRef;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink as a cluster runs it, with the jars the docs list: spark-submit (a child JVM whose class path is Spark's
 * jars only) runs a user's job jar with {@code --jars} the shaded jar, embedkit-solr's jar and the SolrJ jars Spark
 * lacks; the job writes into a SolrCloud (one node) that this JVM runs.
 */
class SparkSubmitSolrIT {
  /** The SolrJ jars a Spark installation lacks (the docs' dependency:copy-dependencies list). */
  static final List<String> SOLRJ = List.of("/org/apache/solr/solr-solrj/", "/org/apache/solr/solr-api/",
      "/org/apache/solr/solr-solrj-streaming/", "/org/apache/solr/solr-solrj-zookeeper/",
      "/org/apache/httpcomponents/", "/commons-codec/", "/org/semver4j/", "/org/jspecify/", "/io/swagger/core/v3/");

  @TempDir Path tmp;

  @Test
  void sparkSubmitWithEmbedkitSolrsJarsWritesIntoSolrCloud() throws Exception {
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.zookeeper.connectionStrategy", "org.apache.solr.cloud.TestConnectionStrategy");
    System.setProperty("solr.log.dir", tmp.resolve("solr-logs").toString());
    System.setProperty("host", "127.0.0.1");
    MiniSolrCloudCluster solr = new MiniSolrCloudCluster.Builder(1, Files.createDirectories(tmp.resolve("solr")))
        .build();
    try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
      String zk = solr.getZkServer().getZkAddress();
      CollectionConfig config = new CollectionConfig("submitted", new ModelRef("all-minilm-l6-v2",
          ModelFingerprint.of(model.info())), model.info().dimensions(), model.info().similarity(), null, null, null,
          null);
      new SolrBackend().create(config, Map.of("zk", zk), model).close();
      List<String> texts = SparkTestSupport.texts();
      Path input = SparkTestSupport.jsonl(tmp.resolve("docs.jsonl"), texts);

      List<String> jars = new ArrayList<>(List.of(System.getProperty("embedkit.spark.jar"), embedkitSolrJar()));
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        String unix = entry.replace('\\', '/');
        if (unix.endsWith(".jar") && SOLRJ.stream().anyMatch(unix::contains)) {
          jars.add(entry);
        }
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String option : System.getProperty("embedkit.spark.moduleOptions").trim().split("\\s+")) {
        if (!option.startsWith("-Xmx")) {
          command.add(option);
        }
      }
      command.addAll(List.of("-Xmx1g", "-Dembedkit.home=" + System.getProperty("embedkit.home"),
          "-cp", SparkSubmitIT.sparkClassPath(), "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
          "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--jars", String.join(",", jars), "--class", SolrSinkJob.class.getName(), jobJar().toString(),
          input.toString(), zk, "submitted"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("out.txt").toFile()).start();
      if (!process.waitFor(4, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("spark-submit did not finish in 4 minutes");
      }
      String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), out);

      try (SolrCollection written = SolrCollections.open(Map.of("zk", zk), "submitted", model)) {
        long withText = texts.stream().filter(t -> t != null && !t.isEmpty()).count();
        assertEquals(withText, written.count());
        for (int i : new int[] {0, 4, 20}) {
          assertArrayEquals(model.embed(texts.get(i)),
              written.get(Integer.toString(i), true).orElseThrow().chunks().get(0).vector(), 1e-6f, "row " + i);
        }
      }
    } finally {
      solr.shutdown();
    }
  }

  /** embedkit-solr as a jar: the reactor's jar, or its classes folder packed into one. */
  private String embedkitSolrJar() throws Exception {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = entry.replace('\\', '/');
      if (unix.contains("embedkit-solr/target/") || unix.contains("/embedkit-solr-0")) {
        return unix.endsWith(".jar") ? entry : jar(Path.of(entry), tmp.resolve("embedkit-solr.jar"), null).toString();
      }
    }
    throw new AssertionError("embedkit-solr is not on the test class path");
  }

  /** The job's jar: SolrSinkJob's class alone (the rest comes from --jars). */
  private Path jobJar() throws Exception {
    Path classes = Path.of(SolrSinkJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar(classes, tmp.resolve("job.jar"), SolrSinkJob.class.getName().replace('.', '/') + ".class");
  }

  private static Path jar(Path folder, Path out, String only) throws Exception {
    try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String name = folder.relativize(path).toString().replace('\\', '/');
        if (only == null || name.equals(only)) {
          jar.putNextEntry(new JarEntry(name));
          Files.copy(path, jar);
          jar.closeEntry();
        }
      }
    }
    return out;
  }
}
