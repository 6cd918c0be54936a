package dev.embedkit.image.input;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images in a folder given as input, in an order that depends neither on the file system's listing order nor on
 * the platform's locale.
 *
 * <ul>
 *   <li><b>Which files</b>: names ending in one of {@link #EXTENSIONS} (any case). Hidden entries (names starting with
 *       {@code .}) are skipped, and so are hidden folders: their contents are never listed. Other files, and special
 *       files such as pipes, are left out.
 *   <li><b>Order</b>: by the path relative to the folder given, written with {@code /} between names, compared by
 *       Unicode code points ({@link #ORDER}; what {@code LC_ALL=C sort} gives for UTF-8 names). So upper case sorts
 *       before lower case ({@code B.png < a.png}), digits are not numbers ({@code 10.png < 2.png}), accented letters sort
 *       after unaccented ones ({@code z.png < é.png}), names are compared as the file system stores them (no Unicode
 *       normalisation), and {@code a-b.png < a.png < a/b.png} because {@code -} (U+002D) {@code < .} (U+002E)
 *       {@code < /} (U+002F).
 *   <li><b>Recursive</b> listings descend into sub-folders, following symbolic links to folders as the user sees them;
 *       a link back to a folder already on the way down (a cycle) is not followed, with one warning. A folder reached
 *       through two different links is listed once under each path.
 *   <li><b>Labels</b>: each input is the folder given joined with its relative path ({@code photos/2024/a.png}), as
 *       the user would type it.
 * </ul>
 *
 * <pre>{@code
 * List<ImageInput> all = ImageFolder.list(Path.of("photos"), true);
 * }</pre>
 */
public final class ImageFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

  /** File name extensions that count as images, in the order messages list them. */
  public static final List<String> EXTENSIONS = List.of("bmp", "gif", "jpeg", "jpg", "png", "tif", "tiff", "webp");
  private static final Set<String> EXTENSION_SET = Set.copyOf(EXTENSIONS);

  /** Relative paths ({@code /} between names) compared by Unicode code points, not UTF-16 units or a locale. */
  public static final Comparator<String> ORDER = ImageFolder::compareCodePoints;

  private ImageFolder() {}

  /**
   * The image files in {@code dir} (with {@code recursive}, also in its sub-folders), in {@link #ORDER}. Empty when
   * there are none; a folder that cannot be listed fails with a one-line error naming it.
   */
  public static List<ImageInput> list(Path dir, boolean recursive) {
    List<Entry> found = new ArrayList<>();
    Set<Path> onTheWayDown = new HashSet<>();
    onTheWayDown.add(realPath(dir));
    walk(dir, "", recursive, onTheWayDown, found);
    found.sort((a, b) -> ORDER.compare(a.relative, b.relative));
    List<ImageInput> out = new ArrayList<>(found.size());
    for (Entry e : found) {
      out.add(ImageInput.file(e.path));
    }
    return out;
  }

  /** True when a folder, listed without recursion, has sub-folders that hold images (for a hint in messages). */
  static boolean hasImagesBelow(Path dir) {
    try {
      return !list(dir, true).isEmpty();
    } catch (EmbedkitException e) {
      return false;
    }
  }

  /** True for a name that ends in an image extension and is not hidden. */
  public static boolean looksLikeImage(String name) {
    int dot = name.lastIndexOf('.');
    return !name.startsWith(".") && dot > 0 && EXTENSION_SET.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private record Entry(String relative, Path path) {}

  private static void walk(Path dir, String prefix, boolean recursive, Set<Path> onTheWayDown, List<Entry> out) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + reason(e));
    } catch (DirectoryIteratorException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + reason(e.getCause()));
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      String relative = prefix + name;
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(child, BasicFileAttributes.class);
      } catch (IOException e) {
        // a broken or looping link: keep an image-named one, so reading it reports the problem instead of hiding it
        if (looksLikeImage(name)) {
          out.add(new Entry(relative, child));
        }
        continue;
      }
      if (attributes.isDirectory()) {
        if (recursive) {
          Path real = realPath(child);
          if (!onTheWayDown.add(real)) {
            LOG.warn("{}: not followed, it links back to {}, a folder already being listed", child, real);
            continue;
          }
          walk(child, relative + "/", true, onTheWayDown, out);
          onTheWayDown.remove(real);
        }
      } else if (attributes.isRegularFile() && looksLikeImage(name)) {
        out.add(new Entry(relative, child));
      }
    }
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw EmbedkitException.notFound("cannot list folder " + dir + ": " + reason(e));
    }
  }

  /** Why a file operation failed, in words ({@link IoErrors#reason}). */
  static String reason(Throwable e) {
    return IoErrors.reason(e);
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** The extensions as a message lists them. */
  static String extensionList() {
    return String.join(", ", EXTENSIONS);
  }
}
