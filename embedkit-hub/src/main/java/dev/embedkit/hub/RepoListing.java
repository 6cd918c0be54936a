package dev.embedkit.hub;

import java.util.List;

/**
 * What the hub API says about a repo at a revision: {@code GET /api/models/REPO/revision/REV} answers
 * {@code {"id": ..., "sha": COMMIT, "siblings": [{"rfilename": PATH, "size": N}, ...]}}.
 *
 * @param commit the commit the revision resolved to
 * @param files repo-relative file names
 * @param sizes bytes per file where the listing gave them (same order as files, -1 when unknown)
 */
public record RepoListing(String commit, List<String> files, List<Long> sizes) {
  public RepoListing {
    files = List.copyOf(files);
    sizes = List.copyOf(sizes);
  }

  /** Bytes of the given files, counting unknown sizes as 0. */
  public long sizeOf(List<String> selected) {
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      if (selected.contains(files.get(i)) && sizes.get(i) > 0) {
        total += sizes.get(i);
      }
    }
    return total;
  }
}
