package dev.embedkit.explore.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.MapSources;
import dev.embedkit.input.InputRecord;
import dev.embedkit.input.InputSpec;
import dev.embedkit.input.RecordReader;
import dev.embedkit.store.Document;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.cli.CollectionsOption;
import dev.embedkit.store.io.DocumentSource;
import dev.embedkit.store.io.DocumentSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code map} and {@code mine} get their inputs: TEXT arguments, a file ({@code --input}), a collection's stored
 * vectors ({@code --collection}) or a folder of images ({@code --image}); exactly one of them.
 */
public final class ExploreInput {
  /** The model for images when none is named (as {@code similarity --image}). */
  static final String DEFAULT_IMAGE_MODEL = "clip";

  @Option(names = {"-i", "--input"}, paramLabel = "FILE",
      description = "Texts from FILE (- for stdin): lines, .json, .jsonl (id, text and metadata fields), .csv or .tsv"
          + " (id and text columns, the others metadata), or a folder of .txt/.md/.html files.")
  Path input;

  @Option(names = "--collection", paramLabel = "NAME",
      description = "A collection's documents, with their stored vectors (nothing is embedded again).")
  String collection;

  @Mixin CollectionsOption location;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "The model for texts and images (default: the built-in all-MiniLM-L6-v2; for --image: "
          + DEFAULT_IMAGE_MODEL + ").")
  String model;

  /** A label of the inputs for titles ("stsb.csv", "collection docs", "3 texts"). */
  String title(List<String> texts, Path images) {
    if (collection != null) {
      return "collection " + collection;
    }
    if (input != null) {
      return input.getFileName() == null ? input.toString() : input.getFileName().toString();
    }
    if (images != null) {
      return images.getFileName() == null ? images.toString() : images.getFileName().toString();
    }
    return texts.size() + (texts.size() == 1 ? " text" : " texts");
  }

  /** Refuses none or more than one source, and a model with a collection (its stored vectors are used). */
  void check(List<String> texts, Path images) {
    List<String> given = new ArrayList<>();
    if (!texts.isEmpty()) {
      given.add("TEXT");
    }
    if (input != null) {
      given.add("--input");
    }
    if (collection != null) {
      given.add("--collection");
    }
    if (images != null) {
      given.add("--image");
    }
    if (given.isEmpty()) {
      throw EmbedkitException.invalidInput("nothing to read: give TEXT arguments, --input FILE, --collection NAME"
          + " or --image DIR");
    }
    if (given.size() > 1) {
      throw EmbedkitException.invalidInput("give one of TEXT, --input, --collection and --image; got "
          + String.join(" and ", given));
    }
    if (collection != null && model != null) {
      throw EmbedkitException.invalidInput("--model does not apply to --collection: a collection's stored vectors are"
          + " used, made with its own model");
    }
    if (location.path() != null && collection == null) {
      throw EmbedkitException.invalidInput("--path applies to --collection");
    }
  }

  /** Reads (and embeds) the inputs, saying on {@code err} what is being embedded (it can take minutes). */
  MapSources.Loaded load(List<String> texts, Path images, boolean recursive, java.io.PrintWriter err) {
    check(texts, images);
    if (collection != null) {
      try (LuceneCollection c = location.withoutModels().open(collection, true)) {
        return MapSources.collection(c);
      }
    }
    String name = model != null ? model : images != null ? DEFAULT_IMAGE_MODEL : Embedkit.DEFAULT_MODEL;
    try (EmbeddingModel loaded = Embedkit.load(name)) {
      if (images != null) {
        if (!Files.isDirectory(images)) {
          throw Files.exists(images) ? EmbedkitException.invalidInput("--image " + images + " is not a folder")
              : EmbedkitException.notFound("--image folder " + images + " does not exist");
        }
        err.println("embedding the images in " + images + " with " + loaded.info().name());
        err.flush();
        return MapSources.images(images, loaded, recursive);
      }
      if (input == null) {
        return MapSources.texts(texts, null, null, loaded);
      }
      return file(loaded, err);
    }
  }

  private MapSources.Loaded file(EmbeddingModel loaded, java.io.PrintWriter err) {
    List<String> texts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Map<String, Object>> metadata = new ArrayList<>();
    String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean documents = Files.isDirectory(input) || name.endsWith(".jsonl") || name.endsWith(".ndjson")
        || name.endsWith(".csv") || name.endsWith(".tsv");
    if (documents) {
      try (DocumentSource source = DocumentSources.open(input, DocumentSources.Options.DEFAULTS.withGenerateIds(true))) {
        while (source.hasNext()) {
          Document d = source.next();
          if (d.text() == null) {
            throw EmbedkitException.invalidInput(source.source() + ": document '" + d.id() + "' has no text");
          }
          texts.add(d.text());
          ids.add(d.id());
          metadata.add(d.metadata());
        }
      }
    } else {
      try (RecordReader reader = input.toString().equals("-")
          ? RecordReader.open(System.in, "stdin", InputSpec.DEFAULTS) : RecordReader.open(input, InputSpec.DEFAULTS)) {
        for (InputRecord r; (r = reader.next()) != null; ) {
          texts.add(r.text());
          ids.add(r.id() != null ? r.id() : String.valueOf(r.line() > 0 ? r.line() : texts.size()));
          metadata.add(Map.of());
        }
      }
    }
    if (texts.isEmpty()) {
      throw EmbedkitException.invalidInput(input + " holds no texts");
    }
    err.printf(Locale.ROOT, "embedding %,d texts with %s%n", texts.size(), loaded.info().name());
    err.flush();
    return MapSources.texts(texts, ids, metadata, loaded);
  }
}
