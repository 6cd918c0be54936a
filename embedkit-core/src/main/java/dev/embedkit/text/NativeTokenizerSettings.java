package dev.embedkit.text;

import dev.embedkit.model.EmbedkitHome;
import java.nio.file.Path;

/**
 * Settings the DJL tokenizer library reads once, when its classes first load; applied before any of them do.
 *
 * <ul>
 *   <li>No call home: DJL's {@code Ec2Utils.callHome} probes the EC2 metadata address 169.254.169.254 and reports
 *       the instance to DJL's telemetry bucket each time a tokenizer is created, unless {@code OPT_OUT_TRACKING} is
 *       set or DJL is offline. Offline mode also stops DJL from downloading a native library for a platform whose
 *       library is not in the jar (the jar carries linux and macOS x86_64/aarch64 and Windows x86_64).
 *   <li>Its native library is extracted under {@code $EMBEDKIT_HOME/djl} with embedkit's other caches.
 *   <li>DJL probes for CUDA while picking a library flavour and, on a machine with the CUDA runtime but no GPU driver,
 *       warns "Failed to detect GPU count"; embedkit uses DJL's CPU tokenizer only, so that logger is quieted when the
 *       logging backend is slf4j-simple (other backends: set {@code ai.djl.util.cuda.CudaUtils} to ERROR).
 * </ul>
 *
 * A value the user set (system property or environment variable) is left alone.
 */
final class NativeTokenizerSettings {
  private NativeTokenizerSettings() {}

  /** Applies the settings; returns the native library's cache folder when embedkit chose it, null when the user did. */
  static Path apply() {
    setUnlessGiven("OPT_OUT_TRACKING", "true");
    setUnlessGiven("ai.djl.offline", "true", "DJL_OFFLINE");
    setUnlessGiven("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    Path cache = EmbedkitHome.djl();
    return setUnlessGiven("DJL_CACHE_DIR", cache.toString()) ? cache : null;
  }

  private static boolean setUnlessGiven(String property, String value) {
    return setUnlessGiven(property, value, property);
  }

  private static boolean setUnlessGiven(String property, String value, String environmentVariable) {
    String env = System.getenv(environmentVariable);
    if (System.getProperty(property) == null && (env == null || env.isBlank())) {
      System.setProperty(property, value);
      return true;
    }
    return false;
  }
}
