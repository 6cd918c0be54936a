package dev.embedkit.cli;

/**
 * Logging for the command line: slf4j-simple on stderr, warnings only unless {@code --verbose}. Set before the
 * first logger is created, which is why {@link #configure} reads the raw arguments.
 */
final class Logging {
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
    if (java.util.Arrays.asList(args).contains("serve")) {
      // a server's operator wants its start, model loads and one access line per request, with times
      setIfAbsent("org.slf4j.simpleLogger.log.embedkit.access", "info");
      setIfAbsent("org.slf4j.simpleLogger.log.dev.embedkit.server", wantVerbose ? "debug" : "info");
      setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
      setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
    verbose = wantVerbose;
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
