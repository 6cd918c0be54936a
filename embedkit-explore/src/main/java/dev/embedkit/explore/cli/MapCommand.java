package dev.embedkit.explore.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.ClusterChoice;
import dev.embedkit.explore.MapOptions;
import dev.embedkit.explore.MapSources;
import dev.embedkit.explore.SpaceMapper;
import dev.embedkit.explore.project.Method;
import dev.embedkit.explore.render.MapCluster;
import dev.embedkit.explore.render.MapFormat;
import dev.embedkit.explore.render.SpaceMap;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.io.OutputFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit map}: a 2-D picture of texts, a collection or images, points coloured by cluster and clusters named
 * by their most distinctive terms, as PNG, SVG or a self-contained interactive HTML page.
 */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draw a 2-D map of texts, a collection or images: similar inputs close together, clusters coloured"
        + " and named. Writes PNG, SVG or an interactive HTML page (by the --output extension).")
public final class MapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Texts to map.")
  List<String> texts = new ArrayList<>();

  @Mixin ExploreInput source;

  @Option(names = "--image", paramLabel = "DIR", description = "Map a folder of images, drawn as thumbnails.")
  Path images;

  @Option(names = {"-r", "--recursive"}, description = "--image: also the images in sub-folders.")
  boolean recursive;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
      description = "The picture: .png, .svg or .html (interactive: zoom, hover, search, colour by field).")
  Path output;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "umap",
      description = "umap, tsne or pca. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--clusters", paramLabel = "HOW", defaultValue = "auto",
      description = "auto (k-means, k by silhouette), a number of clusters, hdbscan, communities or none."
          + " Default: ${DEFAULT-VALUE}.")
  String clusters;

  @Option(names = "--min-cluster-size", paramLabel = "N",
      description = "hdbscan and communities: the smallest cluster (default: 10, less for small inputs).")
  Integer minClusterSize;

  @Option(names = "--max-points", paramLabel = "N",
      description = "Map a seeded random sample of at most N inputs (default: what memory holds; the caption says"
          + " when a sample is drawn).")
  Integer maxPoints;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of every random choice: the same inputs and seed draw the same map. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--title", paramLabel = "TEXT", description = "The picture's title (default: what was mapped).")
  String title;

  @Override
  public Integer call() {
    MapFormat format = MapFormat.fromPath(output);
    OutputFile.check(output);
    MapOptions options = options();
    source.check(texts, images);
    PrintWriter err = spec.commandLine().getErr();
    MapSources.Loaded loaded = source.load(texts, images, recursive, err);
    loaded.notes().forEach(note -> err.println("note: " + note));
    SpaceMap map = SpaceMapper.map(title != null ? title : source.title(texts, images), loaded.items(),
        loaded.vectors(), options, stage -> {
          err.println(stage);
          err.flush();
        });
    if (!loaded.notes().isEmpty()) {
      map = new SpaceMap(map.title(), map.caption() + "; " + String.join("; ", loaded.notes()), map.method(),
          map.points(), map.clusters());
    }
    try (OutputFile file = OutputFile.open(output)) {
      format.write(map, file.stream());
      file.commit();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %,d points; %s%n", output, map.points().size(), map.caption());
    if (!map.clusters().isEmpty()) {
      AlignedTable table = new AlignedTable("cluster", "size", "name", "most central");
      for (MapCluster c : map.clusters()) {
        String central = c.central().isEmpty() ? "" : MineCommand.shorten(map.points().get(c.central().get(0)).text(), 60);
        table.row(c.id() + 1, c.size(), c.name(), central);
      }
      table.print(out);
    }
    out.flush();
    return 0;
  }

  /** Every option checked before any model loads or file is read. */
  MapOptions options() {
    Method m;
    try {
      m = Method.fromString(method);
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput(e.getMessage());
    }
    if (maxPoints != null && maxPoints < SpaceMapper.MINIMUM_POINTS) {
      throw EmbedkitException.invalidInput("--max-points is " + maxPoints + "; accepted: " + SpaceMapper.MINIMUM_POINTS
          + " or more");
    }
    if (recursive && images == null) {
      throw EmbedkitException.invalidInput("--recursive applies to --image");
    }
    return new MapOptions(m, ClusterChoice.parse(clusters), seed, maxPoints == null ? 0 : maxPoints,
        minClusterSize == null ? 0 : minClusterSize);
  }
}
