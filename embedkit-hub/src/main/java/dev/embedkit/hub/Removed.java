package dev.embedkit.hub;

import dev.embedkit.progress.ByteSize;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link HubCatalog#remove} deleted, and the one line that tells the user: a hub model's snapshots and blobs, or
 * a built-in pack's extracted copy (which comes back from its jar on next use, so removing it frees space only).
 *
 * @param name what the user typed
 * @param kind which of the two it was
 * @param target the repo id (hub model) or pack name (built-in pack)
 * @param location the repo's folder in the hub cache, or the pack's extracted folder
 * @param bytesFreed bytes of the files deleted
 * @param snapshots commits removed from snapshots/ (hub models)
 * @param blobs files removed from blobs/ (hub models)
 * @param modelFolders folders removed under $EMBEDKIT_HOME/models that linked to the repo (hub models)
 */
public record Removed(String name, Kind kind, String target, Path location, long bytesFreed, int snapshots, int blobs,
    List<Path> modelFolders) {

  /** The two things {@code models rm} can delete. */
  public enum Kind {
    /** A repo in the Hugging Face cache (snapshots, blobs, refs) and embedkit's folders that link to it. */
    HUB_MODEL {
      @Override
      String describe(Removed r) {
        String folders = r.modelFolders.stream().map(Path::toString).collect(Collectors.joining(", "));
        if (r.snapshots + r.blobs == 0 && r.bytesFreed == 0) {
          String what = r.modelFolders.isEmpty() ? "the empty folder " + r.location + " of " + r.target
              : "the model folder" + (r.modelFolders.size() == 1 ? " " : "s ") + folders + " of " + r.target;
          return "removed " + what + " (the Hugging Face cache held no files of it)";
        }
        return "removed " + r.target + " from the Hugging Face cache (" + count(r.snapshots, "snapshot") + ", "
            + count(r.blobs, "blob file") + ", " + ByteSize.human(r.bytesFreed) + " at " + r.location + ")"
            + (r.modelFolders.isEmpty() ? "" : " and its model folder" + (r.modelFolders.size() == 1 ? " " : "s ") + folders);
      }
    },
    /** The extracted copy of a built-in pack under $EMBEDKIT_HOME/packs; the pack itself stays in its jar. */
    BUILT_IN_PACK {
      @Override
      String describe(Removed r) {
        return "removed the extracted copy of built-in pack " + r.target + " (" + ByteSize.human(r.bytesFreed) + " at "
            + r.location + "); it is extracted again from its jar on next use";
      }
    };

    abstract String describe(Removed removed);
  }

  public Removed {
    modelFolders = List.copyOf(modelFolders);
  }

  /** One line for the user: what was deleted, where, how much, and what happens next. */
  public String describe() {
    return kind.describe(this);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
