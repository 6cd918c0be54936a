package dev.embedkit.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.model.ModelFolder;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small folder under {@code $EMBEDKIT_HOME/models/NAME} that makes a snapshot load as an ordinary model folder
 * without touching the hub cache (which stays byte-for-byte what the hub served): relative links to the snapshot's
 * files, the chosen ONNX variant linked as {@code onnx/model.onnx} (with its external data files beside it, under the
 * names the graph refers to), and the sentence-transformers configs an alias supplies when the repo lacks them.
 * Built under a temporary name and renamed into place, so readers see a complete folder or none.
 */
final class ModelOverlay {
  static final String MANIFEST = "embedkit-overlay.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelOverlay() {}

  /** True when the snapshot cannot be loaded as it is. */
  static boolean needed(Alias alias, String variant, FileSelection selection) {
    return alias != null || variant != null || !ModelFolder.ONNX_LOCATIONS.contains(selection.primaryOnnx());
  }

  /** Builds (or reuses) the overlay folder and returns it. */
  static Path build(Path root, String name, Path snapshot, RepoId repo, String commit, String variant,
      FileSelection selection, Alias alias) {
    root = root.toAbsolutePath();
    snapshot = snapshot.toAbsolutePath();
    Path target = root.resolve(name);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("repo", repo.value());
    manifest.put("commit", commit);
    manifest.put("variant", variant);
    manifest.put("alias", alias == null ? null : alias.aliasName());
    manifest.put("files", selection.files());
    if (isCurrent(target, manifest)) {
      return target;
    }
    Path temp = root.resolve(".tmp-" + name + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(temp);
      String primary = selection.primaryOnnx();
      boolean textModel = selection.onnxFiles().size() == 1;
      String primaryDir = primary.contains("/") ? primary.substring(0, primary.lastIndexOf('/') + 1) : "";
      for (String file : selection.files()) {
        String dest = file;
        if (textModel && file.equals(primary)) {
          dest = "onnx/model.onnx";
        } else if (textModel && file.startsWith(primary) && file.startsWith(primaryDir)) {
          dest = "onnx/" + file.substring(primaryDir.length()); // external data keeps the name the graph refers to
        }
        Path link = temp.resolve(dest);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(snapshot.resolve(file)));
      }
      if (alias != null) {
        supplyConfigs(temp, snapshot, selection, alias);
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.resolve(MANIFEST).toFile(), manifest);
      replace(temp, target, root);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot build the model folder " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        HubCache.deleteRecursively(temp);
      } catch (IOException ignored) {
        // a leftover .tmp folder is harmless and skipped by listings
      }
    }
    return target;
  }

  private static void supplyConfigs(Path folder, Path snapshot, FileSelection selection, Alias alias) throws IOException {
    for (Map.Entry<String, Object> entry : alias.configFiles().entrySet()) {
      String file = entry.getKey();
      Path dest = folder.resolve(file);
      if (!selection.files().contains(file)) {
        Files.createDirectories(dest.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dest.toFile(), entry.getValue());
      } else if (file.equals("config_sentence_transformers.json") && !alias.prompts().isEmpty()) {
        // The repo's file may predate prompts: add the alias's, keeping everything else it says.
        JsonNode existing = JSON.readTree(snapshot.resolve(file).toFile());
        if (existing instanceof ObjectNode node && (!node.has("prompts") || node.get("prompts").isEmpty())) {
          node.set("prompts", JSON.valueToTree(alias.prompts()));
          Files.delete(dest);
          JSON.writerWithDefaultPrettyPrinter().writeValue(dest.toFile(), node);
        }
      }
    }
  }

  private static boolean isCurrent(Path target, Map<String, Object> manifest) {
    Path file = target.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      Map<?, ?> recorded = JSON.readValue(file.toFile(), Map.class);
      if (!recorded.equals(JSON.convertValue(manifest, Map.class))) {
        return false;
      }
      try (var walk = Files.walk(target)) {
        return walk.filter(Files::isSymbolicLink).allMatch(Files::exists); // no dangling links
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static void replace(Path temp, Path target, Path root) throws IOException {
    if (Files.exists(target)) {
      Path aside = root.resolve(".stale-" + UUID.randomUUID());
      try {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        HubCache.deleteRecursively(aside);
      } catch (IOException e) {
        // another process replaced it first
      }
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another process built the same folder at the same moment; theirs is as good as ours
    }
  }

  /** The folder name for a model: the alias, else ORG--NAME, plus --VARIANT. */
  static String folderName(RepoId repo, Alias alias, String variant) {
    String base = alias != null ? alias.aliasName() : repo.value().replace("/", "--");
    return variant == null ? base : base + "--" + variant.replace('/', '_').replace(".onnx", "");
  }

  static List<String> names(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var list = Files.list(root)) {
      return list.filter(p -> Files.isRegularFile(p.resolve(MANIFEST))).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
