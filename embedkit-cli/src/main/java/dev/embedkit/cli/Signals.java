package dev.embedkit.cli;

import dev.embedkit.pipeline.ModelLifecycle;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the models still open are closed after the inference in flight, then the JVM exits
 * with 128 + the signal's number (130, 143), its shutdown hooks deleting temporary files as usual. Exiting straight
 * from the signal would let ONNX Runtime's own shutdown hook release its native environment under a running
 * inference and crash the JVM (exit 134). A second signal while stopping exits at once. Commands that handle signals
 * themselves ({@code serve}) install their own handlers over these.
 */
final class Signals {
  /** How long a stop waits for inference in flight (one chunk of a long input is well under a second). */
  static final long MODEL_CLOSE_WAIT_MILLIS = 10_000;

  private static volatile int exitCode = -1;

  private Signals() {}

  static void install() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), Signals::stop);
      } catch (IllegalArgumentException unavailable) {
        // the JVM reserves the signal (-Xrs): its default handling stays
      }
    }
  }

  private static void stop(Signal signal) {
    int code = 128 + signal.getNumber();
    if (exitCode >= 0) {
      Runtime.getRuntime().halt(exitCode);
    }
    exitCode = code;
    Thread stopper = new Thread(() -> {
      ModelLifecycle.closeOpenModels(MODEL_CLOSE_WAIT_MILLIS);
      System.exit(code);
    }, "embedkit-stop");
    stopper.start();
  }

  /** Whether a signal is stopping the program (the command's own errors are then not worth printing). */
  static boolean stopping() {
    return exitCode >= 0;
  }

  static int exitCode() {
    return exitCode;
  }
}
