package dev.embedkit.server.service;

import dev.embedkit.model.LoadOptions;
import dev.embedkit.server.ModelSpec;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.ServerMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The models a server serves, by name; the first is the default. A request names a model by its served name, its
 * source (the name or hub id it was loaded by), either in any letter case, or with Ollama's {@code :latest} tag.
 */
public final class ServedModels implements AutoCloseable {
  private final Map<String, ServedModel> byName = new LinkedHashMap<>();
  private final ServedModel defaultModel;

  /** @param arriving requests admitted whose work is not queued yet, for the batchers */
  public ServedModels(List<String> specs, LoadOptions loadOptions, int tokenBudget, ServerMetrics metrics, IntSupplier arriving) {
    for (String value : specs) {
      ModelSpec spec = ModelSpec.parse(value);
      if (byName.containsKey(spec.name())) {
        throw new IllegalArgumentException("two models are served as " + spec.name() + "; give one a name with NAME=SPEC");
      }
      byName.put(spec.name(), new ServedModel(spec, loadOptions, tokenBudget, metrics, arriving));
    }
    this.defaultModel = byName.values().iterator().next();
  }

  public ServedModel defaultModel() {
    return defaultModel;
  }

  public List<ServedModel> all() {
    return List.copyOf(byName.values());
  }

  /** The model a request names; null or blank means the default. */
  public ServedModel get(String requested) {
    if (requested == null || requested.isBlank()) {
      return defaultModel;
    }
    ServedModel exact = byName.get(requested);
    if (exact != null) {
      return exact;
    }
    String wanted = stripTag(requested).toLowerCase(Locale.ROOT);
    for (ServedModel model : byName.values()) {
      if (model.name().toLowerCase(Locale.ROOT).equals(wanted) || model.spec().source().toLowerCase(Locale.ROOT).equals(wanted)) {
        return model;
      }
    }
    throw new ServerException(Problem.MODEL_NOT_FOUND, "model '" + requested + "' is not served here; served models: "
        + names(), "model");
  }

  /** The model served under this name or source (any case, {@code :latest} allowed), if one is; no default. */
  public Optional<ServedModel> find(String requested) {
    if (requested == null || requested.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(get(requested));
    } catch (ServerException notServed) {
      return Optional.empty();
    }
  }

  public String names() {
    return byName.keySet().stream().collect(Collectors.joining(", "));
  }

  /** Loads the default model, and the others unless lazy; a failure stops the start. */
  public void loadAtStart(boolean lazy) {
    List<ServedModel> now = lazy ? List.of(defaultModel) : new ArrayList<>(byName.values());
    now.forEach(ServedModel::model);
  }

  private static String stripTag(String name) {
    return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
  }

  @Override
  public void close() {
    byName.values().forEach(ServedModel::close);
  }
}
