package dev.embedkit.cli;

import dev.embedkit.EmbedkitException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Command-line arguments as UTF-8, whatever the locale. The JVM decodes arguments with the locale's character set
 * ({@code sun.jnu.encoding}); under {@code LC_ALL=C} that is ASCII, and "café" arrives as "caf" and two replacement
 * characters. {@code bin/embedkit} runs the JVM under a UTF-8 locale, so this matters when the class is started some
 * other way: an argument decoded by a single-byte character set is re-read as the UTF-8 it was; one whose bytes were
 * lost is a one-line error that says how to run with a UTF-8 locale, never a silently wrong text.
 */
final class Arguments {
  private Arguments() {}

  static String[] decode(String[] args) {
    return decode(args, platformCharset());
  }

  static String[] decode(String[] args, Charset platform) {
    if (platform.equals(StandardCharsets.UTF_8)) {
      return args;
    }
    String[] decoded = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      decoded[i] = recover(args[i], i + 1, platform);
    }
    return decoded;
  }

  private static String recover(String arg, int position, Charset platform) {
    if (arg.chars().allMatch(c -> c < 0x80)) {
      return arg;
    }
    if (arg.indexOf('\uFFFD') >= 0 || !platform.newEncoder().canEncode(arg)) {
      throw EmbedkitException.invalidInput("argument " + position + " is not valid in this locale's character set ("
          + platform.name() + ") and was garbled; run embedkit with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 "
          + "(bin/embedkit chooses one itself)");
    }
    byte[] raw = arg.getBytes(platform);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
    } catch (CharacterCodingException e) {
      return arg; // not UTF-8 bytes: the locale's own text, decoded right
    }
  }

  static Charset platformCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
