package dev.embedkit.spring.ai;

import dev.embedkit.Embedkit;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of {@link EmbedkitAutoConfiguration}, under {@code embedkit.*}:
 *
 * <pre>
 * embedkit.model=all-minilm-l6-v2              # a built-in pack, a hub name or a model folder
 * embedkit.collections-root=/var/lib/app/collections   # default: $EMBEDKIT_HOME/collections
 * embedkit.collection.name=spring-ai
 * embedkit.collection.initialize=true          # create the collection when it does not exist
 * </pre>
 */
@ConfigurationProperties(prefix = EmbedkitProperties.PREFIX)
public class EmbedkitProperties {
  public static final String PREFIX = "embedkit";
  public static final String DEFAULT_COLLECTION = "spring-ai";

  /** The embedding model: a built-in pack name, a hub name or a model folder path. */
  private String model = Embedkit.DEFAULT_MODEL;

  /** The folder holding one folder per collection; default {@code $EMBEDKIT_HOME/collections}. */
  private Path collectionsRoot;

  private final CollectionSettings collection = new CollectionSettings();

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public Path getCollectionsRoot() {
    return collectionsRoot;
  }

  public void setCollectionsRoot(Path collectionsRoot) {
    this.collectionsRoot = collectionsRoot;
  }

  public CollectionSettings getCollection() {
    return collection;
  }

  /** The collection behind the VectorStore. */
  public static class CollectionSettings {
    /** Its name: 1 to 64 letters, digits, '_', '-' and '.'. */
    private String name = DEFAULT_COLLECTION;

    /** Create the collection when it does not exist (otherwise startup fails naming it). */
    private boolean initialize = true;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public boolean isInitialize() {
      return initialize;
    }

    public void setInitialize(boolean initialize) {
      this.initialize = initialize;
    }
  }
}
