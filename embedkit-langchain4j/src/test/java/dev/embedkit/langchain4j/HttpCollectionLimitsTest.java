package dev.embedkit.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.server.EmbedkitServer;
import dev.embedkit.server.ServerConfig;
import dev.embedkit.server.ServerLimits;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.remote.HttpCollection;
import dev.embedkit.store.remote.RemoteException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HttpCollection against real servers in-process: the shared one (default limits: 2 MiB bodies, 2048 inputs) and a
 * small one here ({@code --max-body-bytes} 64 KiB, {@code --max-inputs} 100), so that every write, get and delete
 * must be split to get through.
 */
class HttpCollectionLimitsTest {
  private static final int SMALL_BODY = 64 * 1024;
  private static final int SMALL_INPUTS = 100;
  @TempDir static Path dir;
  private static EmbedkitServer small;

  @BeforeAll
  static void start() {
    small = EmbedkitServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withModels(List.of(SharedModel.NAME)).withLazyModels(true).withApiKey(SharedServer.KEY)
        .withCollectionsRoot(dir.resolve("collections"))
        .withLimits(ServerLimits.DEFAULTS.withMaxBodyBytes(SMALL_BODY).withMaxInputs(SMALL_INPUTS)));
  }

  @AfterAll
  static void stop() {
    if (small != null) {
      small.close();
    }
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static List<Document> vectors(int n, String text) {
    List<Document> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Document("d" + i, text, Map.of("i", i), new float[] {1, i, (float) Math.sqrt(i)}, null));
    }
    return out;
  }

  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "d" + i).toList();
  }

  @Test
  void manyDocumentsGoInSeveralRequestsAndManyIdsToo() {
    // 3000 > the shared server's 2048 inputs per request, and > 512 per request by default
    try (HttpCollection remote = HttpCollection.create(SharedServer.uri(), CollectionSpec.external(name("many"), 3),
        SharedServer.KEY)) {
      remote.upsert(vectors(3000, null));
      assertThat(remote.count()).isEqualTo(3000);
      List<StoredDocument> got = remote.get(ids(3000), false);
      assertThat(got).extracting(StoredDocument::id).containsExactlyElementsOf(ids(3000));
      assertThat(remote.delete(ids(2500))).isEqualTo(2500);
      assertThat(remote.count()).isEqualTo(500);
      assertThat(remote.clear()).isEqualTo(500);
    }
    // the small server takes 100 per request: the client is told, and splits
    HttpCollection.Options options = HttpCollection.Options.DEFAULTS.withMaxDocuments(SMALL_INPUTS);
    try (HttpCollection remote = HttpCollection.create(URI.create(small.baseUrl()),
        CollectionSpec.external(name("many"), 3), SharedServer.KEY, options)) {
      remote.add(vectors(1050, "x"));
      assertThat(remote.count()).isEqualTo(1050);
      assertThat(remote.get(ids(1050), true)).hasSize(1050);
      assertThat(remote.delete(ids(1050))).isEqualTo(1050);
      assertThat(remote.count()).isZero();
    }
  }

  @Test
  void theByteBudgetCountsUtf8BytesNotChars() {
    // 5,000 CJK characters: 15,000 UTF-8 bytes; a budget counted in chars would put 12 (180 KB) in one 60 KB request
    String cjk = "向量数据库检索".repeat(715).substring(0, 5000);
    HttpCollection.Options options = HttpCollection.Options.DEFAULTS.withMaxBodyBytes(60_000);
    try (HttpCollection remote = HttpCollection.create(URI.create(small.baseUrl()),
        CollectionSpec.external(name("cjk"), 3), SharedServer.KEY, options)) {
      remote.add(vectors(40, cjk)); // add is never retried or split by 413: the byte budget alone gets it through
      assertThat(remote.count()).isEqualTo(40);
      assertThat(remote.get("d7", false).orElseThrow().text()).isEqualTo(cjk);
    }
  }

  @Test
  void aBatchTheServerFindsTooLargeIsSplitAndResent() {
    String cjk = "向量数据库检索".repeat(715).substring(0, 5000);
    // the client believes it may send 1 MB; the server answers 413 and the client halves until it fits
    HttpCollection.Options options = HttpCollection.Options.DEFAULTS.withMaxBodyBytes(1_000_000);
    try (HttpCollection remote = HttpCollection.create(URI.create(small.baseUrl()),
        CollectionSpec.external(name("split"), 3), SharedServer.KEY, options)) {
      remote.upsert(vectors(40, cjk));
      assertThat(remote.count()).isEqualTo(40);
      // one document over the server's limit on its own cannot be split: the 413 comes back, one line
      String huge = "界".repeat(30_000);
      assertThatThrownBy(() -> remote.upsert(List.of(new Document("big", huge, Map.of(), new float[] {1, 0, 0},
          null)))).isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.status()).isEqualTo(413))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void clearDeletesPageAfterPage() {
    try (HttpCollection remote = HttpCollection.create(SharedServer.uri(), CollectionSpec.external(name("clear"), 3),
        SharedServer.KEY)) {
      remote.upsert(vectors(2_345, null));
      assertThat(remote.clear()).isEqualTo(2_345);
      assertThat(remote.count()).isZero();
    }
  }

  @Test
  void aRefusedKeyIsSaidSoAndIsLangChain4jsAuthenticationException() {
    String name = name("key");
    HttpCollection.create(SharedServer.uri(), CollectionSpec.external(name, 384), SharedServer.KEY).close();
    assertThatThrownBy(() -> HttpCollection.open(SharedServer.uri(), name, "wrong-key"))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.keyRefused()).isTrue();
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        })
        .hasMessageStartingWith("the server refused the API key");
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), "wrong-key")
        .collectionName(name).build())
        .isInstanceOf(AuthenticationException.class).hasCauseInstanceOf(RemoteException.class)
        .hasMessageContaining("refused the API key");

    try (EmbedkitEmbeddingStore store = EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY)
        .collectionName(name).build()) {
      Embedding query = SharedModel.get().embed("x").content();
      assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
          .filter(metadataKey("user").isEqualTo("u1")).build()).matches()).isEmpty();
      store.removeAll(metadataKey("user").isEqualTo("u1"));
    }
  }

  @Test
  void aServerCollectionIsCheckedForTheBuildersModelToo() {
    String name = name("model");
    for (int i = 0; i < 2; i++) { // created, then reopened: the server's recorded fingerprint is the model's
      EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY).collectionName(name)
          .embeddingModel(SharedModel.get()).build().close();
    }
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY)
        .collectionName(name).dimensions(768).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("768");
  }

  @Test
  void badCallsAreRefusedLocally() {
    try (HttpCollection remote = HttpCollection.create(SharedServer.uri(), CollectionSpec.external(name("local"), 3),
        SharedServer.KEY)) {
      assertThatThrownBy(() -> remote.get((List<String>) null, false))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessageContaining("ids is null");
      assertThatThrownBy(() -> remote.delete(java.util.Arrays.asList("a", null)))
          .isInstanceOf(EmbedkitException.class).hasMessageContaining("ids[1] is null");
    }
    for (String bad : List.of("http://127.0.0.1:8080/?key=secret", "http://127.0.0.1:8080/#x",
        "http://user:secret@127.0.0.1:8080")) {
      assertThatThrownBy(() -> HttpCollection.open(URI.create(bad), "x", null))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessageContaining("without a query, fragment or user:password@")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
  }
}
