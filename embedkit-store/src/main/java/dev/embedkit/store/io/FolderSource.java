package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.image.input.ImageFolder;
import dev.embedkit.io.IoErrors;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents from the text files of a folder and its sub-folders: {@code .txt}, {@code .md}, {@code .markdown},
 * {@code .html} and {@code .htm} (any case), one document each, in the code point order of their relative paths
 * ({@link ImageFolder#ORDER}, the order {@code LC_ALL=C sort} gives), read one at a time.
 *
 * <ul>
 *   <li><b>id</b>: the path relative to the folder, with {@code /} between names ({@code notes/2024/a.md});
 *   <li><b>text</b>: the file's text (UTF-8, a leading byte order mark dropped; any other encoding is an error naming
 *       the file and the byte); for HTML the visible text, blocks on lines of their own ({@link HtmlText});
 *   <li><b>metadata</b>: {@code path} (the id), {@code type} ({@code txt}, {@code md} or {@code html}), {@code
 *       modified} (ISO-8601, UTC), {@code bytes} (the file's size), and for HTML with a title, {@code title}.
 * </ul>
 *
 * Hidden entries (names starting with {@code .}) are skipped, hidden folders unlisted, as are files with other
 * extensions: both are counted in {@link #skipped()}. A file whose text is empty or blank is skipped too, logged and
 * counted in {@link #blank()} (a collection has nothing to embed for it). A file over the size limit is an error
 * naming it and the limit. Symbolic links are followed, except a link back to a folder on the way down.
 */
public final class FolderSource extends LookaheadSource {
  private static final Logger LOG = LoggerFactory.getLogger(FolderSource.class);

  /** Largest file read unless the caller says otherwise: 16 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;
  /** Extensions read, in the order messages list them, with the type each gives. */
  public static final Map<String, String> TYPES = typesByExtension();

  private final Path folder;
  private final long maxFileBytes;
  private final List<Entry> files;
  private int skipped;
  private int blank;
  private int next;

  /**
   * Lists the folder (paths only; files are read as the documents are asked for).
   *
   * @param maxFileBytes files larger than this are refused
   * @throws EmbedkitException NOT_FOUND for a folder that does not exist or cannot be listed
   */
  public FolderSource(Path folder, long maxFileBytes) {
    if (maxFileBytes < 1) {
      throw EmbedkitException.invalidInput("the file size limit is " + maxFileBytes + "; accepted: 1 byte or more");
    }
    if (!Files.isDirectory(folder)) {
      throw Files.exists(folder)
          ? EmbedkitException.invalidInput(folder + " is not a folder")
          : EmbedkitException.notFound("folder " + folder + " does not exist");
    }
    this.folder = folder;
    this.maxFileBytes = maxFileBytes;
    List<Entry> found = new ArrayList<>();
    Set<Path> onTheWayDown = new HashSet<>();
    onTheWayDown.add(realPath(folder));
    walk(folder, "", onTheWayDown, found);
    found.sort((a, b) -> ImageFolder.ORDER.compare(a.relative(), b.relative()));
    this.files = found;
  }

  private static Map<String, String> typesByExtension() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("txt", "txt");
    types.put("md", "md");
    types.put("markdown", "md");
    types.put("html", "html");
    types.put("htm", "html");
    return java.util.Collections.unmodifiableMap(types);
  }

  private record Entry(String relative, Path path, String type) {}

  @Override
  public String source() {
    return folder.toString();
  }

  /** Text files found (blank ones included). */
  public int files() {
    return files.size();
  }

  /** Hidden entries and files of other types left out of the listing. */
  public int skipped() {
    return skipped;
  }

  /** Files skipped so far because their text is empty or blank. */
  public int blank() {
    return blank;
  }

  @Override
  protected Document read() {
    while (next < files.size()) {
      Entry entry = files.get(next++);
      Document document = read(entry);
      if (document != null) {
        return document;
      }
      blank++;
      LOG.warn("{}: skipped, its text is empty or blank", entry.path());
    }
    return null;
  }

  /** The file's document, or null when its text is blank. */
  private Document read(Entry entry) {
    BasicFileAttributes attributes;
    byte[] bytes;
    try {
      attributes = Files.readAttributes(entry.path(), BasicFileAttributes.class);
      if (attributes.size() > maxFileBytes) {
        throw EmbedkitException.invalidInput("file " + entry.path() + " is " + attributes.size() + " bytes; the limit"
            + " is " + limitText(maxFileBytes) + ": split it or raise the limit");
      }
      bytes = Files.readAllBytes(entry.path());
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("file " + entry.path() + " disappeared while the folder was read");
    } catch (IOException e) {
      throw IoErrors.of("read", entry.path(), e);
    }
    String content = decode(bytes, entry.path());
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("path", entry.relative());
    metadata.put("type", entry.type());
    metadata.put("modified", attributes.lastModifiedTime().toInstant().toString());
    metadata.put("bytes", (long) bytes.length);
    String text = content;
    if (entry.type().equals("html")) {
      HtmlText html = HtmlText.of(content);
      text = html.text();
      if (html.title() != null) {
        metadata.put("title", html.title());
      }
    }
    return text.isBlank() ? null : new Document(entry.relative(), text, metadata, null, null);
  }

  /** Strict UTF-8: the first invalid byte is an error with its offset, never a replacement char. */
  static String decode(byte[] bytes, Path file) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw EmbedkitException.invalidInput("file " + file + " is not valid UTF-8 (byte offset " + in.position()
          + "); text files are read as UTF-8");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String limitText(long bytes) {
    return bytes + " bytes" + (bytes % (1 << 20) == 0 ? " (" + (bytes >> 20) + " MiB)" : "");
  }

  private void walk(Path dir, String prefix, Set<Path> onTheWayDown, List<Entry> out) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + IoErrors.reason(e));
    } catch (DirectoryIteratorException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + IoErrors.reason(e.getCause()));
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      String type = typeOf(name);
      if (name.startsWith(".")) {
        skipped++;
        continue;
      }
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(child, BasicFileAttributes.class);
      } catch (IOException e) {
        // a broken link: keep a text-named one, so reading it reports the problem instead of hiding it
        if (type != null) {
          out.add(new Entry(prefix + name, child, type));
        } else {
          skipped++;
        }
        continue;
      }
      if (attributes.isDirectory()) {
        Path real = realPath(child);
        if (!onTheWayDown.add(real)) {
          LOG.warn("{}: not followed, it links back to {}, a folder already being listed", child, real);
          continue;
        }
        walk(child, prefix + name + "/", onTheWayDown, out);
        onTheWayDown.remove(real);
      } else if (attributes.isRegularFile() && type != null) {
        out.add(new Entry(prefix + name, child, type));
      } else {
        skipped++;
      }
    }
  }

  /** The type a file name gives, or null for other files. */
  static String typeOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + IoErrors.reason(e));
    }
  }

  @Override
  public void close() {
    next = files.size();
    end();
  }
}
