package dev.embedkit.store.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.store.Document;
import dev.embedkit.store.Collection;
import dev.embedkit.store.io.DocumentSource;
import dev.embedkit.store.io.DocumentSources;
import dev.embedkit.store.io.FolderSource;
import dev.embedkit.store.io.ImageFolderSource;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit index NAME}: adds or replaces documents in a collection, embedded with the collection's own model in
 * batches, each batch durable before the next, with a progress bar on stderr. Documents come from TEXT arguments (id:
 * a hash of the text, so the same text indexed twice is one document), a file or folder ({@code --input}) or a folder
 * of images ({@code --image}).
 */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Add documents to a collection (a document whose id is already there is replaced).")
public final class IndexCommand implements Callable<Integer> {
  /** Documents indexed without a progress bar unless --progress asks for one (one ingest batch goes by quickly). */
  static final int QUIET_UP_TO = 64;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The collection.")
  String name;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT", description = "Texts to index, one document each.")
  List<String> texts = new ArrayList<>();

  @Option(names = {"-i", "--input"}, paramLabel = "FILE|DIR",
      description = "A folder of .txt, .md, .markdown, .html and .htm files, sub-folders too (id: the path in the"
          + " folder); a .jsonl file ({\"id\", \"text\", \"metadata\": {...}} a line; 'collection export' writes"
          + " one); or a .csv or .tsv file with a header (id and text columns, the others metadata).")
  Path input;

  @Option(names = "--image", paramLabel = "DIR",
      description = "A folder of images, sub-folders too (id: the path in the folder), for a CLIP collection.")
  Path images;

  @Option(names = "--id-column", paramLabel = "NAME", description = "CSV/TSV: the id column (default: id).")
  String idColumn;

  @Option(names = "--text-column", paramLabel = "NAME", description = "CSV/TSV: the text column (default: text).")
  String textColumn;

  @Option(names = "--generate-ids",
      description = "JSONL, CSV/TSV: a record without an id gets FILE:LINE as its id, instead of being refused.")
  boolean generateIds;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
      description = "Check that the collection's model is this one (a collection is written with its own model).")
  String model;

  @Option(names = "--progress", negatable = true, description = {
      "--progress: a live bar on stderr; --no-progress: none.",
      "Default: the live bar when stderr is a terminal, else a plain line at each 25%% and every 10 s."})
  Boolean progress;

  @Mixin CollectionsOption location;

  @Override
  public Integer call() {
    int sources = (texts.isEmpty() ? 0 : 1) + (input == null ? 0 : 1) + (images == null ? 0 : 1);
    if (sources != 1) {
      throw EmbedkitException.invalidInput(sources == 0
          ? "nothing to index: give TEXT arguments, --input FILE|DIR or --image DIR"
          : "give one of TEXT arguments, --input and --image");
    }
    if ((idColumn != null || textColumn != null) && !isTable(input)) {
      throw EmbedkitException.invalidInput((idColumn != null ? "--id-column" : "--text-column")
          + " applies to a .csv or .tsv --input");
    }
    if (generateIds && input == null) {
      throw EmbedkitException.invalidInput("--generate-ids applies to a .jsonl, .csv or .tsv --input");
    }
    PrintWriter err = spec.commandLine().getErr();
    long written;
    long held;
    // the source opens first: a missing file or a bad extension fails before the model loads
    try (DocumentSource source = source();
        LoadedModels models = new LoadedModels();
        Collection collection =
            CollectionsOption.open(location.collections(models), models, name, model, false)) {
      written = ingest(collection, source, total(source), err);
      held = collection.count();
      report(source, err);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("indexed " + written + " document" + (written == 1 ? "" : "s") + " into '" + name + "'; it holds "
        + held);
    out.flush();
    return 0;
  }

  private DocumentSource source() {
    if (images != null) {
      return new ImageFolderSource(images, true);
    }
    if (input != null) {
      DocumentSources.Options options = DocumentSources.Options.DEFAULTS.withGenerateIds(generateIds);
      options = idColumn == null ? options : options.withIdColumn(idColumn);
      options = textColumn == null ? options : options.withTextColumn(textColumn);
      return DocumentSources.open(input, options);
    }
    return new TextSource(textDocuments(texts));
  }

  private static boolean isTable(Path file) {
    String lower = file == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".csv") || lower.endsWith(".tsv");
  }

  /** Documents to come, where the source knows (a folder's files, TEXT arguments); 0 for a streamed file. */
  private static long total(DocumentSource source) {
    return source instanceof FolderSource folder ? folder.files()
        : source instanceof ImageFolderSource folder ? folder.images()
        : source instanceof TextSource given ? given.size() : 0;
  }

  /** Files of a folder left out, on stderr: nothing a user asked for is dropped without a word. */
  private static void report(DocumentSource source, PrintWriter err) {
    if (source instanceof FolderSource folder && folder.skipped() + folder.blank() > 0) {
      List<String> why = new ArrayList<>();
      if (folder.skipped() > 0) {
        why.add(folder.skipped() + " hidden or of another type (read: ." + String.join(", .",
            FolderSource.TYPES.keySet()) + ")");
      }
      if (folder.blank() > 0) {
        why.add(folder.blank() + " blank");
      }
      int left = folder.skipped() + folder.blank();
      err.println("embedkit: note: left out " + left + " file" + (left == 1 ? "" : "s") + " of " + source.source()
          + ": " + String.join(", ", why));
      err.flush();
    }
  }

  /** TEXT arguments as a source. */
  private static final class TextSource implements DocumentSource {
    private final List<Document> documents;
    private final Iterator<Document> next;

    TextSource(List<Document> documents) {
      this.documents = documents;
      this.next = documents.iterator();
    }

    int size() {
      return documents.size();
    }

    @Override
    public String source() {
      return "TEXT arguments";
    }

    @Override
    public boolean hasNext() {
      return next.hasNext();
    }

    @Override
    public Document next() {
      return next.next();
    }

    @Override
    public void close() {}
  }

  /**
   * Ingests in the collection's batches, the bar advancing as each batch is durable. A run of one batch or less draws
   * no bar unless --progress asks for one; when the total is unknown (a JSONL or CSV file read as it streams) the bar
   * appears once the first batch is written.
   */
  private long ingest(Collection collection, Iterator<Document> documents, long total, PrintWriter err) {
    ProgressMode mode = ProgressMode.requested(progress);
    boolean asked = Boolean.TRUE.equals(progress);
    ProgressBar.Unit unit = ProgressBar.Unit.of("documents");
    ProgressBar[] bar = {asked || total > QUIET_UP_TO ? mode.bar(err, "indexed", total, unit) : ProgressBar.SILENT};
    long[] shown = {0};
    long written;
    try {
      written = collection.ingest(documents, (done, chunks) -> {
        if (bar[0] == ProgressBar.SILENT && total == 0 && done > QUIET_UP_TO) {
          bar[0] = mode.bar(err, "indexed", 0, unit);
        }
        bar[0].advance(done - shown[0]);
        shown[0] = done;
      });
    } catch (EmbedkitException e) {
      if (shown[0] == 0) {
        throw e;
      }
      // the batches before the failure are durable: say so, so a rerun can start after them or simply upsert again
      throw new EmbedkitException(e.kind(), e.getMessage() + " (the " + shown[0] + " document"
          + (shown[0] == 1 ? "" : "s") + " before it are indexed)", e);
    }
    bar[0].finish();
    return written;
  }

  /**
   * One document per distinct TEXT argument, its id the first 16 hex digits of the text's SHA-256 (a text given twice
   * is the same document).
   */
  static List<Document> textDocuments(List<String> texts) {
    Map<String, Document> documents = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text.isBlank()) {
        throw EmbedkitException.invalidInput("TEXT " + (i + 1) + " is empty; every document needs some text");
      }
      documents.putIfAbsent(textId(text), Document.of(textId(text), text));
    }
    return List.copyOf(documents.values());
  }

  static String textId(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
