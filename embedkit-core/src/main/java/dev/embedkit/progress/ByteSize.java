package dev.embedkit.progress;

import java.util.Locale;

/** Byte counts in the units people read: "90.4 MB" (decimal units, as download tools and the hub show them). */
public final class ByteSize {
  private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

  private ByteSize() {}

  public static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
