package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 text line by line from a stream, as it arrives (stdin is not read to its end first). Lines end at
 * {@code \n}; a {@code \r} before it is dropped; a leading byte order mark is dropped. Decoding is strict: a byte
 * that is not UTF-8 is an error naming the line and the byte's offset, never a replacement character.
 */
public final class LineReader implements AutoCloseable {
  /** Longest line accepted: a guard against a file with no line breaks being read into memory whole. */
  public static final int MAXIMUM_LINE_BYTES = 64 << 20;

  private final InputStream in;
  private final String source;
  private final byte[] chunk = new byte[1 << 16];
  private int chunkPos;
  private int chunkEnd;
  private byte[] buffer = new byte[8192];
  private long lineNumber;
  private long offset;
  private boolean eof;

  public LineReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The next line without its terminator, or null at the end of the input. */
  public String readLine() {
    if (eof && chunkPos == chunkEnd) {
      return null;
    }
    int length = 0;
    long lineStart = offset;
    boolean ended = false;
    try {
      while (!ended) {
        if (chunkPos == chunkEnd) {
          chunkEnd = eof ? -1 : in.read(chunk);
          chunkPos = 0;
          if (chunkEnd < 0) {
            chunkEnd = 0;
            eof = true;
            if (length == 0 && offset == lineStart) {
              return null;
            }
            break;
          }
        }
        int end = chunkPos;
        while (end < chunkEnd && chunk[end] != '\n') {
          end++;
        }
        ended = end < chunkEnd;
        int take = end - chunkPos;
        if (length + take > buffer.length) {
          if (length + take > MAXIMUM_LINE_BYTES) {
            throw EmbedkitException.invalidInput(source + " line " + (lineNumber + 1) + " is longer than "
                + (MAXIMUM_LINE_BYTES >> 20) + " MiB; split the input into lines");
          }
          buffer = Arrays.copyOf(buffer, Math.min(MAXIMUM_LINE_BYTES, Math.max(length + take, buffer.length * 2)));
        }
        System.arraycopy(chunk, chunkPos, buffer, length, take);
        length += take;
        offset += take + (ended ? 1 : 0);
        chunkPos = ended ? end + 1 : end;
      }
    } catch (IOException e) {
      throw IoErrors.of("read", source, e);
    }
    lineNumber++;
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    String line = decode(length, lineStart);
    return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** True when bytes are waiting to be read (or the input has ended): reading now will not block for long. */
  public boolean ready() {
    if (eof || chunkPos < chunkEnd) {
      return true;
    }
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return true; // the next read reports it
    }
  }

  /** The 1-based number of the line last returned. */
  public long lineNumber() {
    return lineNumber;
  }

  public String source() {
    return source;
  }

  private String decode(int length, long lineStart) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer, 0, length)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalid(length);
      throw EmbedkitException.invalidInput(source + " line " + lineNumber + " is not valid UTF-8 (byte offset "
          + (lineStart + bad) + "); embedkit reads UTF-8 text");
    }
  }

  /** Index of the first byte that starts an invalid sequence (for the message only). */
  private int firstInvalid(int length) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
    java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(length + 1);
    decoder.decode(bytes, chars, true);
    return bytes.position();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // nothing was written; closing a read stream cannot lose data
    }
  }
}
