package dev.embedkit.explore.render;

/** Java2D must not look for a display: maps are drawn on servers and in CI. */
final class Headless {
  private Headless() {}

  /** Sets java.awt.headless=true unless the application chose otherwise; call before any AWT class loads. */
  static void ensure() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
