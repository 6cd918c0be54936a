package dev.embedkit.hub;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.PackCache;
import dev.embedkit.progress.ProgressMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** Shared pieces of the hub tests: the built-in pack's files, settings pointing at a fake hub, reference vectors. */
final class HubFixtures {
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String OTHER_COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
  static final List<String> SENTENCES = List.of("The weather is lovely today.", "It's so sunny outside!",
      "He drove to the stadium.");

  private HubFixtures() {}

  static Path packFolder() {
    return PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
  }

  static Path int8PackFolder() {
    return PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8);
  }

  static HubSettings settings(FakeHub hub, Path dir) {
    return new HubSettings(URI.create(hub.endpoint()), null, dir.resolve("hf/hub"), dir.resolve("embedkit/models"),
        false, true, ProgressMode.OFF);
  }

  /** Settings whose endpoint refuses connections: anything that touches the network fails. */
  static HubSettings unreachable(Path dir) {
    return new HubSettings(URI.create("http://127.0.0.1:9"), null, dir.resolve("hf/hub"), dir.resolve("embedkit/models"),
        false, true, ProgressMode.OFF);
  }

  static List<float[]> vectors(String name, Path folder) {
    try (EmbeddingModel model = Embedkit.loadFolder(name, folder, LoadOptions.DEFAULTS)) {
      return model.embed(SENTENCES, EmbedOptions.DEFAULTS).vectors();
    }
  }

  static List<float[]> packVectors(BuiltinPack pack) {
    try (EmbeddingModel model = Embedkit.load(pack.packName())) {
      return model.embed(SENTENCES, EmbedOptions.DEFAULTS).vectors();
    }
  }
}
