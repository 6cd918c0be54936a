package dev.embedkit.explore.render;

/** Escaping for text and attribute values in SVG (XML 1.0). */
final class SvgText {
  private SvgText() {}

  /**
   * The text with markup characters escaped and characters XML 1.0 forbids (control characters, unpaired
   * surrogates, U+FFFE/U+FFFF) replaced by U+FFFD: one stray byte in a document's text must not make the whole
   * picture unreadable.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }
}
