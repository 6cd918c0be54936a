package dev.embedkit.cli;

/**
 * Logging for the command line: slf4j-simple on stderr, warnings only unless {@code --verbose}. Set before the
 * first logger is created, which is why {@link #configure} reads the raw arguments.
 */
final class Logging {
  /**
   * Lucene (collections) logs through java.util.logging, once per JVM, whether it can use the Vector API: on JDK 17
   * with {@code --add-modules jdk.incubator.vector} (EMBEDKIT_SIMD=1, eval) a WARNING that "your Java version is too
   * old", elsewhere a hint to add that module. Neither is actionable for a CLI user. Held here because JUL keeps only
   * weak references to loggers, and a collected logger forgets its level.
   */
  static final java.util.logging.Logger LUCENE_VECTORIZATION =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  private static volatile boolean verbose;

  private Logging() {}

  static void configure(String[] args) {
    boolean wantVerbose = java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", wantVerbose ? "debug" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    // DJL's tokenizer loader logs its platform choice at info; --verbose shows it
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl", wantVerbose ? "debug" : "error");
    // DJL probes for CUDA while choosing a library flavour and warns when a machine has the CUDA runtime but no GPU:
    // embedkit uses DJL's CPU tokenizer only, so the warning is noise even with --verbose
    setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
    // SolrJ and ZooKeeper (the solr backend) log every failed connection attempt with its stack trace at warn; the
    // command reports the outcome in one line (--verbose shows their attempts)
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.solr", wantVerbose ? "debug" : "off");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.zookeeper", wantVerbose ? "debug" : "off");
    // the solr backend's retries while a node is down (the final failure is the command's one line)
    setIfAbsent("org.slf4j.simpleLogger.log.dev.embedkit.solr", wantVerbose ? "debug" : "error");
    if (java.util.Arrays.asList(args).contains("serve")) {
      // a server's operator wants its start, model loads and one access line per request, with times
      setIfAbsent("org.slf4j.simpleLogger.log.embedkit.access", "info");
      setIfAbsent("org.slf4j.simpleLogger.log.dev.embedkit.server", wantVerbose ? "debug" : "info");
      setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
      setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    quietLucene(wantVerbose);
    verbose = wantVerbose;
  }

  /** Lucene's vector-support notice shows with --verbose only. */
  static void quietLucene(boolean wantVerbose) {
    LUCENE_VECTORIZATION.setLevel(wantVerbose ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
  }

  static void verbose(boolean on) {
    verbose = verbose || on;
  }

  static boolean isVerbose() {
    return verbose;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
