package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import java.util.regex.Pattern;

/**
 * Checks every name that becomes a path on disk (file names from the hub listing, variants, revisions, commits,
 * ETags): a hostile or broken server must not be able to write outside the cache with "../", an absolute path or
 * backslashes.
 */
final class RepoPaths {
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern ETAG = Pattern.compile("^[A-Za-z0-9_\\-]{1,128}$");
  private static final Pattern REVISION = Pattern.compile("^[A-Za-z0-9][\\w.\\-/]{0,254}$");

  private RepoPaths() {}

  /** A relative file name inside a repo: forward slashes, no empty, "." or ".." segments, no backslash or NUL. */
  static String checkFile(String name, String what) {
    if (!isSafeFile(name)) {
      throw EmbedkitException.invalidInput(what + " '" + name + "' is not a safe relative file name; expected a path"
          + " inside the repository such as onnx/model.onnx, without '..', a leading '/', '\\' or empty parts");
    }
    return name;
  }

  static boolean isSafeFile(String name) {
    if (name == null || name.isEmpty() || name.length() > 512 || name.startsWith("/") || name.contains("\\")
        || name.indexOf('\0') >= 0 || name.contains(":")) {
      return false;
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** A revision (branch, tag, commit, refs/pr/N): stored as refs/REVISION, so it must stay inside refs/. */
  static String checkRevision(String revision) {
    if (revision == null || !REVISION.matcher(revision).matches() || !isSafeFile(revision)) {
      throw EmbedkitException.invalidInput("revision '" + revision + "' is not valid; expected a branch, tag or commit"
          + " such as main, v1.0 or a 40-hex commit hash, without '..' or '\\'");
    }
    return revision;
  }

  static boolean isCommit(String text) {
    return text != null && COMMIT.matcher(text).matches();
  }

  static boolean isSha256(String text) {
    return text != null && SHA256.matcher(text).matches();
  }

  /** A commit hash the server announced; it becomes a snapshot folder name. */
  static String checkCommit(String commit, String source) {
    if (!isCommit(commit)) {
      throw EmbedkitException.model(source + " announced commit '" + commit + "', which is not a 40-hex commit hash;"
          + " is HF_ENDPOINT a Hugging Face hub or mirror?", null);
    }
    return commit;
  }

  /** An ETag without quotes; it becomes a blob file name. */
  static String checkEtag(String etag, String source) {
    if (etag == null || !ETAG.matcher(etag).matches()) {
      throw EmbedkitException.model(source + " sent ETag '" + etag + "', which cannot name a cache blob (expected"
          + " a git or sha256 hash); is HF_ENDPOINT a Hugging Face hub or mirror?", null);
    }
    return etag;
  }

  /** huggingface_hub's _normalize_etag: drop a weak marker and the quotes. */
  static String normalizeEtag(String header) {
    if (header == null) {
      return null;
    }
    String etag = header.trim();
    if (etag.startsWith("W/")) {
      etag = etag.substring(2);
    }
    return etag.replace("\"", "");
  }
}
