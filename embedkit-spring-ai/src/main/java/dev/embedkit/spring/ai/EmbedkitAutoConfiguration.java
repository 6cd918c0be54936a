package dev.embedkit.spring.ai;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.ai.vectorstore.SpringAIVectorStoreTypes;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Gives a Spring Boot application an {@link EmbeddingModel} running {@code embedkit.model} in process and a
 * {@link VectorStore} over the embedkit collection {@code embedkit.collection.name}, each only when the application
 * has none of its own. Every bean that holds native resources or files is closed when the context closes.
 *
 * <p>The collection is opened when it exists, else created ({@code embedkit.collection.initialize}, on by default):
 * with the model's name recorded when the EmbeddingModel is this configuration's embedkit model, so the CLI and the
 * server can search it by text too; with external vectors of the EmbeddingModel's dimensions when the application
 * brings another EmbeddingModel.
 *
 * <p>Selection, as Spring AI's own auto-configurations do it: the EmbeddingModel only while
 * {@code spring.ai.model.embedding} is {@value #EMBEDKIT} or unset, the VectorStore (and its collection) only while
 * {@code spring.ai.vectorstore.type} is {@value #EMBEDKIT} or unset; so an application that also has, say, the
 * OpenAI starter picks with {@code spring.ai.model.embedding=openai} (the store then holds OpenAI's vectors). Ordered
 * after the usual providers' auto-configurations, so that with both present and nothing selected, theirs wins and
 * these back off ({@code @ConditionalOnMissingBean}) instead of leaving two EmbeddingModels.
 */
@AutoConfiguration(afterName = {
    "org.springframework.ai.model.openai.autoconfigure.OpenAiEmbeddingAutoConfiguration",
    "org.springframework.ai.model.azure.openai.autoconfigure.AzureOpenAiEmbeddingAutoConfiguration",
    "org.springframework.ai.model.ollama.autoconfigure.OllamaEmbeddingAutoConfiguration",
    "org.springframework.ai.model.transformers.autoconfigure.TransformersEmbeddingModelAutoConfiguration",
    "org.springframework.ai.vectorstore.pgvector.autoconfigure.PgVectorStoreAutoConfiguration",
    "org.springframework.ai.vectorstore.qdrant.autoconfigure.QdrantVectorStoreAutoConfiguration",
    "org.springframework.ai.vectorstore.chroma.autoconfigure.ChromaVectorStoreAutoConfiguration"})
@ConditionalOnClass({EmbeddedCollections.class, VectorStore.class})
@EnableConfigurationProperties(EmbedkitProperties.class)
public class EmbedkitAutoConfiguration {
  /** The value of {@code spring.ai.model.embedding} and {@code spring.ai.vectorstore.type} that selects embedkit. */
  public static final String EMBEDKIT = "embedkit";

  /** The application's embedding model, when it has none: {@code embedkit.model}, loaded once, closed on shutdown. */
  @Bean
  @ConditionalOnMissingBean(EmbeddingModel.class)
  @ConditionalOnProperty(name = SpringAIModelProperties.EMBEDDING_MODEL, havingValue = EMBEDKIT, matchIfMissing = true)
  public EmbedkitEmbeddingModel embedkitEmbeddingModel(EmbedkitProperties properties,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.load(properties.getModel());
    model.setObservationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
    return model;
  }

  /** The collections under {@code embedkit.collections-root} (lazy: nothing on disk unless a store needs it). */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = EMBEDKIT, matchIfMissing = true)
  public EmbeddedCollections embedkitCollections(EmbedkitProperties properties, EmbeddingModel embeddingModel) {
    Path root = properties.getCollectionsRoot() != null ? properties.getCollectionsRoot()
        : EmbedkitHome.path().resolve("collections");
    return new EmbeddedCollections(root, name -> {
      if (embeddingModel instanceof EmbedkitEmbeddingModel embedkit && embedkit.info().name().equals(name)) {
        return embedkit.embedkitModel();
      }
      throw new IllegalStateException("a collection under " + root + " was built with model '" + name
          + "', but the application's EmbeddingModel is " + describe(embeddingModel)
          + "; set embedkit.model=" + name + " or use another collection");
    });
  }

  /**
   * The collection behind the VectorStore: opened, or created when missing and allowed; closed on shutdown. Lazy, so
   * that an application with a VectorStore of its own gets no collection folder.
   */
  @Bean(destroyMethod = "close")
  @Lazy
  @ConditionalOnMissingBean
  @ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = EMBEDKIT, matchIfMissing = true)
  public Collection embedkitCollection(EmbedkitProperties properties, EmbeddedCollections collections,
      EmbeddingModel embeddingModel) {
    String name = properties.getCollection().getName();
    try {
      if (collections.exists(name)) {
        return collections.open(name);
      }
      if (!properties.getCollection().isInitialize()) {
        throw new IllegalStateException("no embedkit collection '" + name + "' under " + collections.root()
            + " and embedkit.collection.initialize is false; create it or set the property to true");
      }
      return collections.create(spec(name, embeddingModel));
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
  }

  /** The application's vector store, when it has none. */
  @Bean
  @ConditionalOnMissingBean(VectorStore.class)
  @ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = EMBEDKIT, matchIfMissing = true)
  public EmbedkitVectorStore embedkitVectorStore(Collection collection, EmbeddingModel embeddingModel,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    return EmbedkitVectorStore.builder(collection, embeddingModel)
        .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
        .build();
  }

  /** A collection recording the embedkit model when it makes the vectors at its full size, else external vectors. */
  static CollectionSpec spec(String name, EmbeddingModel embeddingModel) {
    if (embeddingModel instanceof EmbedkitEmbeddingModel embedkit
        && embedkit.dimensions() == embedkit.info().dimensions()) {
      return CollectionSpec.of(name, embedkit.info().name());
    }
    return CollectionSpec.external(name, embeddingModel.dimensions());
  }

  private static String describe(EmbeddingModel model) {
    return model instanceof EmbedkitEmbeddingModel embedkit ? "embedkit model '" + embedkit.info().name() + "'"
        : model.getClass().getSimpleName();
  }
}
