package dev.embedkit.store.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.Collection;
import dev.embedkit.store.io.JsonlExport;
import dev.embedkit.store.io.NpyExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit collection export NAME --output FILE.jsonl|DIR}: every document with its vectors, as JSON Lines
 * ({@link JsonlExport}, which {@code embedkit index --input} reads back) or as {@code vectors.npy} plus {@code
 * ids.jsonl} for NumPy ({@link NpyExport}). Reads the collection read-only and loads no model.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a collection's documents with their vectors to JSON Lines, or to vectors.npy and ids.jsonl.")
public final class CollectionExportCommand implements Callable<Integer> {
  /** What to write. */
  enum Format { JSONL, NPY }

  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Parameters(paramLabel = "NAME", description = "The collection.")
  String name;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.jsonl|DIR",
      description = "jsonl: the file to write; npy: the folder to write vectors.npy and ids.jsonl into (created if"
          + " missing). Written in full or not at all.")
  Path output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "jsonl (one document a line, with text, metadata and vectors) or npy (one row per chunk)."
          + " Default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  public Integer call() throws IOException {
    if (format == Format.NPY && Files.exists(output) && !Files.isDirectory(output)) {
      throw EmbedkitException.invalidInput("--format npy writes two files into a folder; " + output
          + " is a file (give a folder)");
    }
    if (format == Format.JSONL && Files.isDirectory(output)) {
      throw EmbedkitException.invalidInput("--format jsonl writes one file; " + output + " is a folder"
          + " (give a file name, or --format npy for a folder)");
    }
    long documents;
    long rows;
    try (Collection collection = location.withoutModels().openAny(name, true)) {
      CollectionInfo info = collection.info();
      if (format == Format.NPY) {
        Files.createDirectories(output);
        rows = NpyExport.write(output, new StoredDocuments(collection), info.chunks(),
            info.config().dimensions());
        documents = info.documents();
      } else {
        documents = JsonlExport.write(output, new StoredDocuments(collection));
        rows = info.chunks();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("exported " + documents + " document" + (documents == 1 ? "" : "s") + " (" + rows + " vector"
        + (rows == 1 ? "" : "s") + ") from '" + name + "' to " + (format == Format.NPY
        ? output.resolve(NpyExport.VECTORS) + " and " + output.resolve(NpyExport.IDS) : output));
    out.flush();
    return 0;
  }
}
