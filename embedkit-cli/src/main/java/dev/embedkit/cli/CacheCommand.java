package dev.embedkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.hub.HubCache;
import dev.embedkit.hub.HubSettings;
import dev.embedkit.hub.RepoId;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.progress.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit cache list|clear}: what embedkit keeps under $EMBEDKIT_HOME, and clearing it safely. */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = {"List and clear embedkit's caches under $EMBEDKIT_HOME (default ~/.embedkit): packs, int8, eval, djl,"
        + " models. Each is re-created on demand.",
        "The Hugging Face cache is not one of them and 'cache clear' never touches it: 'embedkit models rm NAME' removes"
        + " models from it."},
    subcommands = {CacheCommand.ListCommand.class, CacheCommand.ClearCommand.class})
final class CacheCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Each cache with its path, number of entries and size on disk, and the Hugging Face cache's size.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    ModelsCommand.Format format;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path hfCache = HubSettings.fromEnvironment().cacheDir();
      HubCache hub = new HubCache(hfCache);
      List<RepoId> repos = hub.repos();
      long hubBytes = repos.stream().mapToLong(hub::sizeOf).sum();
      if (format == ModelsCommand.Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        root.put("home", EmbedkitHome.path().toAbsolutePath().toString());
        ArrayNode caches = root.putArray("caches");
        for (HomeCache cache : HomeCache.values()) {
          CacheFolder.Usage usage = CacheFolder.usage(cache.folder());
          caches.addObject().put("name", cache.cacheName()).put("path", cache.folder().toAbsolutePath().toString())
              .put("exists", usage.exists()).put("entries", usage.entries()).put("sizeBytes", usage.bytes())
              .put("contents", cache.contents()).put("afterClear", cache.afterClear());
        }
        root.putObject("huggingFace").put("path", hfCache.toAbsolutePath().toString()).put("models", repos.size())
            .put("sizeBytes", hubBytes).put("clearedBy", "embedkit models rm NAME");
        out.println(JSON.writeValueAsString(root));
      } else {
        AlignedTable table = new AlignedTable("CACHE", "PATH", "ENTRIES", "SIZE", "CONTENTS");
        long total = 0;
        for (HomeCache cache : HomeCache.values()) {
          CacheFolder.Usage usage = CacheFolder.usage(cache.folder());
          total += usage.bytes();
          table.row(cache.cacheName(), cache.folder().toAbsolutePath() + (usage.exists() ? "" : " (none)"), usage.entries(),
              ByteSize.human(usage.bytes()), cache.contents());
        }
        table.print(out);
        out.println();
        out.println("Total: " + ByteSize.human(total) + " under " + EmbedkitHome.path().toAbsolutePath()
            + ". 'embedkit cache clear NAME...' or '--all' deletes them; each is re-created on demand.");
        out.println("Hugging Face cache (" + hfCache.toAbsolutePath() + "): " + repos.size() + " model"
            + (repos.size() == 1 ? "" : "s") + ", " + ByteSize.human(hubBytes) + "; 'cache clear' never touches it: remove"
            + " models from it with 'embedkit models rm NAME'.");
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "clear", mixinStandardHelpOptions = true,
      description = {"Delete the named caches (or all of them) and report what was freed.",
          "Safe while other embedkit processes run: each entry is renamed away before it is deleted, links (the models"
          + " cache links into the Hugging Face cache) are deleted as links and never followed, and another process's"
          + " build in progress is left alone; what a running process needs again is re-created on its next use. A cache"
          + " that does not exist is not an error.",
          "The Hugging Face cache is not cleared here: use 'embedkit models rm NAME'."})
  static final class ClearCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "WHAT", description = "packs, int8, eval, djl or models.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Clear every cache above.")
    boolean all;

    @Override
    public Integer call() throws IOException {
      Set<HomeCache> caches = chosen();
      PrintWriter out = spec.commandLine().getOut();
      long freed = 0;
      for (HomeCache cache : caches) {
        Path folder = cache.folder().toAbsolutePath();
        CacheFolder.Cleared cleared = CacheFolder.clear(folder, Instant.now(), cache::owns);
        freed += cleared.bytes();
        out.println(report(cache, folder, cleared));
      }
      if (caches.size() > 1) {
        out.println("freed " + ByteSize.human(freed) + " in all");
      }
      out.flush();
      return 0;
    }

    private Set<HomeCache> chosen() {
      if (all == !names.isEmpty()) {
        throw EmbedkitException.invalidInput(all ? "give cache names or --all, not both"
            : "say which caches to clear: " + HomeCache.names() + ", or --all");
      }
      Set<HomeCache> caches = new LinkedHashSet<>();
      if (all) {
        caches.addAll(List.of(HomeCache.values()));
      }
      names.forEach(n -> caches.add(HomeCache.fromString(n)));
      return caches;
    }

    private static String report(HomeCache cache, Path folder, CacheFolder.Cleared cleared) {
      if (!cleared.existed()) {
        return cache.cacheName() + ": nothing to clear (" + folder + " does not exist)";
      }
      String foreign = cleared.foreign() == 0 ? "" : "; left " + cleared.foreign() + " entr"
          + (cleared.foreign() == 1 ? "y" : "ies") + " that embedkit did not make";
      if (cleared.entries() == 0 && cleared.bytes() == 0 && cleared.skipped() == 0) {
        return cache.cacheName() + ": nothing to clear (" + folder + (cleared.foreign() == 0 ? " is empty)" : ")") + foreign;
      }
      String line = cache.cacheName() + ": removed " + cleared.entries() + " entr" + (cleared.entries() == 1 ? "y" : "ies")
          + ", freed " + ByteSize.human(cleared.bytes()) + " (" + folder + ")";
      if (cleared.skipped() > 0) {
        line += "; left " + cleared.skipped() + " in use by another process";
      }
      line += foreign;
      return cleared.entries() > 0 ? line + "; " + cache.afterClear() : line;
    }
  }
}
