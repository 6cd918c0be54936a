package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedkit.EmbedOptions;
import dev.embedkit.store.Collection;
import dev.embedkit.store.EmbeddedCollections;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration in real Spring contexts: what an application gets, what it can replace, and shutdown. */
class EmbedkitAutoConfigurationTest {
  @TempDir
  Path dir;

  ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EmbedkitAutoConfiguration.class))
        .withPropertyValues("embedkit.collections-root=" + dir);
  }

  @Test
  void withNoBeansOfItsOwnAnAppGetsAModelAndAStoreThatSearchesEndToEnd() {
    runner().withPropertyValues("embedkit.collection.name=notes").run(context -> {
      assertThat(context).hasNotFailed();
      EmbeddingModel model = context.getBean(EmbeddingModel.class);
      assertThat(model).isInstanceOf(EmbedkitEmbeddingModel.class);
      assertThat(((EmbedkitEmbeddingModel) model).info().name()).isEqualTo("all-minilm-l6-v2");
      VectorStore store = context.getBean(VectorStore.class);
      assertThat(store).isInstanceOf(EmbedkitVectorStore.class);
      assertThat(Files.isDirectory(dir.resolve("notes"))).isTrue();

      store.add(List.of(new Document("1", "The cat sat on the mat.", Map.of("kind", "pet")),
          new Document("2", "Interest rates rose again this quarter.", Map.of("kind", "finance")),
          new Document("3", "Puppies love to chew shoes.", Map.of("kind", "pet"))));
      List<Document> hits = store.similaritySearch(SearchRequest.builder().query("Which animal sat on a mat?")
          .topK(2).filterExpression("kind == 'pet'").build());
      assertThat(hits).extracting(Document::getId).containsExactly("1", "3");
      assertThat(hits.get(0).getScore()).isGreaterThan(hits.get(1).getScore());
      Collection collection = context.getBean(Collection.class);
      assertThat(collection.config().model().name()).isEqualTo("all-minilm-l6-v2");
    });
  }

  @Test
  void springAisSelectionPropertiesChooseOtherProviders() {
    // spring.ai.model.embedding / spring.ai.vectorstore.type, as Spring AI's own auto-configurations read them
    runner().withPropertyValues("spring.ai.model.embedding=openai", "spring.ai.vectorstore.type=pgvector")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(EmbeddingModel.class);
          assertThat(context).doesNotHaveBean(VectorStore.class);
          assertThat(context).doesNotHaveBean(Collection.class);
        });
    // another provider's model, embedkit's store over its vectors
    runner().withPropertyValues("spring.ai.model.embedding=openai", "embedkit.collection.name=external")
        .withBean(EmbeddingModel.class, () -> new EmbedkitVectorStoreThresholdTest.FixedModel())
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean(EmbedkitEmbeddingModel.class);
          assertThat(context.getBean(VectorStore.class)).isInstanceOf(EmbedkitVectorStore.class);
          assertThat(context.getBean(Collection.class).config().dimensions()).isEqualTo(2);
        });
    runner().withPropertyValues("spring.ai.model.embedding=embedkit", "spring.ai.vectorstore.type=embedkit")
        .run(context -> {
          assertThat(context).hasSingleBean(EmbedkitEmbeddingModel.class);
          assertThat(context).hasSingleBean(EmbedkitVectorStore.class);
        });
    runner().run(context -> assertThat(context).hasSingleBean(EmbedkitEmbeddingModel.class)); // default: present
  }

  @Test
  void theApplicationsObservationRegistrySeesTheStoresOperations() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    runner().withBean(ObservationRegistry.class, () -> registry)
        .run(context -> {
          VectorStore store = context.getBean(VectorStore.class);
          store.add(List.of(new Document("1", "The cat sat on the mat.", Map.of())));
          store.similaritySearch(SearchRequest.builder().query("a cat").topK(1).build());
          TestObservationRegistryAssert.assertThat(registry)
              .hasNumberOfObservationsWithNameEqualTo("db.vector.client.operation", 2)
              .forAllObservationsWithNameEqualTo("db.vector.client.operation", observation -> observation
                  .hasLowCardinalityKeyValue("db.system", "embedkit")
                  .hasHighCardinalityKeyValue("db.collection.name", "spring-ai")
                  .hasHighCardinalityKeyValue("db.search.similarity_metric", "cosine"))
              .hasAnObservation(observation -> observation.hasContextualNameEqualTo("embedkit add"))
              .hasAnObservation(observation -> observation.hasContextualNameEqualTo("embedkit query"))
              // the auto-configured EmbeddingModel reports each call with its token usage
              .hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 2)
              .hasAnObservation(observation -> observation.hasNameEqualTo("gen_ai.client.operation")
                  .hasLowCardinalityKeyValue("gen_ai.system", "embedkit")
                  .hasLowCardinalityKeyValue("gen_ai.response.model", "all-minilm-l6-v2")
                  .hasHighCardinalityKeyValue("gen_ai.usage.input_tokens",
                      String.valueOf(SharedModel.library().countTokens(List.of("a cat"))[0])));
        });
  }

  @Test
  void propertiesChooseTheModelAndTheCollection() {
    runner().withPropertyValues("embedkit.model=all-minilm-l6-v2-int8", "embedkit.collection.name=quantised")
        .run(context -> {
          assertThat(context).hasNotFailed();
          EmbedkitEmbeddingModel model = context.getBean(EmbedkitEmbeddingModel.class);
          assertThat(model.info().name()).isEqualTo("all-minilm-l6-v2-int8");
          assertThat(context.getBean(Collection.class).config().name()).isEqualTo("quantised");
          assertThat(context.getBean(Collection.class).config().model().name()).isEqualTo("all-minilm-l6-v2-int8");
        });
  }

  @Test
  void anUnknownModelFailsStartupListingTheKnownOnes() {
    runner().withPropertyValues("embedkit.model=no-such-model").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
          "unknown model 'no-such-model'; available models are: all-minilm-l6-v2,");
    });
  }

  @Test
  void theUsersVectorStoreWins() {
    runner().withBean(EmbeddingModel.class, SharedModel::spring)
        .withBean(VectorStore.class, () -> SimpleVectorStore.builder(SharedModel.spring()).build())
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(VectorStore.class);
          assertThat(context.getBean(VectorStore.class)).isInstanceOf(SimpleVectorStore.class);
          assertThat(dir).isEmptyDirectory(); // no embedkit collection was created for nothing
        });
  }

  @Test
  void theUsersEmbeddingModelWinsAndAnOtherSizedOneGetsAnExternalVectorCollection() {
    runner().withBean(EmbeddingModel.class,
            () -> new EmbedkitEmbeddingModel(SharedModel.library(), EmbedOptions.DEFAULTS.withDimensions(128)))
        .withPropertyValues("embedkit.collection.name=small")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(EmbeddingModel.class);
          assertThat(context.getBean(EmbeddingModel.class).dimensions()).isEqualTo(128);
          Collection collection = context.getBean(Collection.class);
          assertThat(collection.config().externalVectors()).isTrue();
          assertThat(collection.config().dimensions()).isEqualTo(128);
          VectorStore store = context.getBean(VectorStore.class);
          store.add(List.of(new Document("1", "The cat sat on the mat.", Map.of()),
              new Document("2", "Interest rates rose again.", Map.of())));
          assertThat(store.similaritySearch(SearchRequest.builder().query("a cat").topK(1).build()))
              .extracting(Document::getId).containsExactly("1");
        });
  }

  @Test
  void aMissingCollectionFailsStartupWhenItMayNotBeCreated() {
    runner().withBean(EmbeddingModel.class, SharedModel::spring)
        .withPropertyValues("embedkit.collection.name=absent", "embedkit.collection.initialize=false")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOf(IllegalStateException.class)
              .hasMessage("no embedkit collection 'absent' under " + dir
                  + " and embedkit.collection.initialize is false; create it or set the property to true");
        });
  }

  @Test
  void aCollectionSurvivesTheContextAndIsReleasedOnShutdown() {
    ApplicationContextRunner app = runner().withBean(EmbeddingModel.class, SharedModel::spring)
        .withPropertyValues("embedkit.collection.name=kept");
    app.run(context -> context.getBean(VectorStore.class)
        .add(List.of(new Document("1", "The cat sat on the mat.", Map.of()))));
    // The first context released the collection's write lock on close, so a second one opens it for writing.
    app.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Collection.class).count()).isEqualTo(1);
      context.getBean(VectorStore.class).delete(List.of("1"));
    });
    new EmbeddedCollections(dir, name -> SharedModel.library()).drop("kept");
  }
}
