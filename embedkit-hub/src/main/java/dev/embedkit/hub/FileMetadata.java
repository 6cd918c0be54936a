package dev.embedkit.hub;

import java.net.URI;

/**
 * What a HEAD on {@code /REPO/resolve/REV/PATH} tells, as huggingface_hub's get_hf_file_metadata reads it.
 *
 * @param commit X-Repo-Commit
 * @param etag X-Linked-Etag (LFS files: the sha256) or ETag (git files: the git blob sha1), without quotes
 * @param location where to GET the bytes: the CDN URL a large file redirects to, or the resolve URL
 * @param size X-Linked-Size or Content-Length, -1 when unknown
 */
public record FileMetadata(String commit, String etag, URI location, long size) {
  /** True when the ETag is the file's sha256 (an LFS file), so the content can be checked against it. */
  public boolean isSha256() {
    return RepoPaths.isSha256(etag);
  }

  /** True when the ETag is a git blob hash (a file stored in git). */
  public boolean isGitSha1() {
    return RepoPaths.isCommit(etag);
  }
}
