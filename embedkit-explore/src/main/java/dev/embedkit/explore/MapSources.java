package dev.embedkit.explore;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageFolder;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Page;
import dev.embedkit.store.StoredDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inputs and vectors for a map (or for mining) from what users have: texts, a collection's stored vectors, a folder of
 * images. Images that cannot be read or decoded are skipped and counted, not fatal.
 */
public final class MapSources {
  /** Documents read from a collection per page. */
  static final int PAGE = 1_000;

  private MapSources() {}

  /**
   * What a map is made of.
   *
   * @param items the inputs, in order
   * @param vectors one vector per input
   * @param notes what a reader must know (e.g. "2 images could not be decoded and are left out")
   */
  public record Loaded(List<MapItem> items, float[][] vectors, List<String> notes) {}

  /** Embeds texts with the model; ids are given, or their numbers from 1 when {@code ids} is null. */
  public static Loaded texts(List<String> texts, List<String> ids, List<Map<String, Object>> metadata,
      EmbeddingModel model) {
    if (texts.isEmpty()) {
      throw EmbedkitException.invalidInput("nothing to map: no texts");
    }
    List<float[]> vectors = model.embed(texts).vectors();
    List<MapItem> items = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      items.add(new MapItem(ids == null ? String.valueOf(i + 1) : ids.get(i), texts.get(i),
          metadata == null ? Map.of() : metadata.get(i), null));
    }
    return new Loaded(items, vectors.toArray(new float[0][]), List.of());
  }

  /**
   * Every document of a collection with its stored vector (no inference): a document split into chunks is the
   * normalised mean of its chunks' vectors. Documents of image collections get a thumbnail when their file is still
   * readable.
   */
  public static Loaded collection(Collection collection) {
    List<MapItem> items = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULTS);
    int unreadable = 0;
    String after = null;
    do {
      Page page = collection.scroll(after, PAGE, null, true);
      for (StoredDocument document : page.documents()) {
        float[] vector = documentVector(document);
        if (vector == null) {
          continue;
        }
        byte[] thumbnail = null;
        if (document.image() != null) {
          thumbnail = thumbnail(decoder, Path.of(document.image()));
          unreadable += thumbnail == null ? 1 : 0;
        }
        String text = document.text() != null && !document.text().isEmpty() ? document.text()
            : document.image() != null ? Path.of(document.image()).getFileName().toString() : document.id();
        items.add(new MapItem(document.id(), text, document.metadata(), thumbnail));
        vectors.add(vector);
      }
      after = page.next();
    } while (after != null);
    if (items.isEmpty()) {
      throw EmbedkitException.invalidInput("collection '" + collection.config().name() + "' holds no documents to map");
    }
    List<String> notes = unreadable == 0 ? List.of()
        : List.of(unreadable + " image" + (unreadable == 1 ? "" : "s") + " no longer readable: drawn without thumbnails");
    return new Loaded(items, vectors.toArray(new float[0][]), notes);
  }

  /** Embeds a folder's images with an image model; a bad image is left out and counted. */
  public static Loaded images(Path folder, EmbeddingModel model, boolean recursive) {
    ImageEmbeddingModel images = ImageEmbeddingModel.of(model);
    List<ImageInput> inputs = ImageFolder.list(folder, recursive);
    ImageBatch batch = images.embedImages(inputs, dev.embedkit.EmbedOptions.DEFAULTS, OnBadImage.SKIP);
    ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULTS);
    List<MapItem> items = new ArrayList<>();
    List<float[]> vectors = batch.result().vectors();
    for (int k = 0; k < batch.embedded().size(); k++) {
      ImageInput input = inputs.get(batch.embedded().get(k));
      Path path = ((ImageInput.FileInput) input).path();
      String name = folder.relativize(path).toString();
      // the text (hover, labels, cluster names) leaves out the extension: "png" would name clusters by file type
      int dot = name.lastIndexOf('.');
      String text = dot > 0 ? name.substring(0, dot) : name;
      items.add(new MapItem(name, text, Map.of("folder", parentName(folder, path)), thumbnail(decoder, path)));
    }
    List<String> notes = new ArrayList<>();
    if (!batch.skipped().isEmpty()) {
      int s = batch.skipped().size();
      notes.add(s + " of " + inputs.size() + " image" + (inputs.size() == 1 ? "" : "s")
          + " could not be decoded and " + (s == 1 ? "is" : "are") + " left out");
    }
    if (items.isEmpty()) {
      throw EmbedkitException.invalidInput("no image in " + folder + " could be decoded (" + inputs.size()
          + " tried); accepted: " + String.join(", ", ImageFolder.EXTENSIONS));
    }
    return new Loaded(items, vectors.toArray(new float[0][]), notes);
  }

  /** The image's folder inside the mapped folder ("." for the top), a field the HTML map can colour by. */
  static String parentName(Path folder, Path file) {
    Path relative = folder.relativize(file).getParent();
    return relative == null ? "." : relative.toString();
  }

  private static byte[] thumbnail(ImageDecoder decoder, Path file) {
    return Thumbnails.ofFile(decoder, file, DecodeOptions.DEFAULTS.maxBytes()); // null: the map still shows the point; the caller counts it
  }

  static float[] documentVector(StoredDocument document) {
    if (document.chunks().isEmpty() || document.chunks().get(0).vector() == null) {
      return null;
    }
    if (document.chunks().size() == 1) {
      return document.chunks().get(0).vector();
    }
    int dims = document.chunks().get(0).vector().length;
    double[] sum = new double[dims];
    for (StoredDocument.StoredChunk chunk : document.chunks()) {
      float[] v = chunk.vector();
      double norm = 0;
      for (float x : v) {
        norm += (double) x * x;
      }
      norm = norm > 0 ? Math.sqrt(norm) : 1;
      for (int d = 0; d < dims; d++) {
        sum[d] += v[d] / norm;
      }
    }
    float[] out = new float[dims];
    for (int d = 0; d < dims; d++) {
      out[d] = (float) sum[d];
    }
    return out;
  }
}
