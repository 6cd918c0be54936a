package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.collectionsResult;
import static dev.embedkit.server.HttpTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.eval.report.EvalReport;
import dev.embedkit.eval.report.SavedReports;
import dev.embedkit.eval.data.StsPairs;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.eval.task.Evaluation;
import dev.embedkit.eval.task.StsTask;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.quant.Precision;
import dev.embedkit.explore.ExploreTestData;
import dev.embedkit.explore.render.HeadlessChromium;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.vector.Metric;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in real headless Chromium (Debian's chromium and chromium-driver, through Selenium) against a real
 * server: all-MiniLM-L6-v2 and the tiny CLIP served, and a real collection of 300 STS Benchmark sentences (100 from
 * each genre: captions, forum posts, news). Every view is typed into and clicked, and what the page shows is checked
 * against the library's own numbers; the browser console must stay free of errors.
 *
 * <p>Screenshots of each view go to {@code target/web-screenshots/} (the ones in docs/web/ were taken by this test);
 * the page's first load on a warm server is measured with the Navigation Timing API and printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {
  static final String MODEL = "all-minilm-l6-v2";
  static final String COLLECTION = "stsb";
  static final String KEY = "web-page-key-0123";
  static final List<String> README = List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
  static final Path SCREENSHOTS = Path.of("target/web-screenshots");
  static final List<String> PICTURES = List.of("chelsea.png", "coffee.png", "horse.png", "rocket.jpg", "astronaut.png");

  @TempDir static Path root;
  static EmbedkitServer server;
  static HeadlessChromium browser;
  static EmbeddingModel library;
  static List<String> ids = new ArrayList<>();
  static List<String> texts = new ArrayList<>();
  static List<String> genres = new ArrayList<>();
  static EvalReport evaluation;

  @BeforeAll
  static void start() throws Exception {
    Path clip = TinyModels.copy("clip", true, root);
    Path reports = root.resolve("eval-reports");
    // A picture collection as `embedkit index pictures --image DIR` makes it (local paths kept for thumbnails).
    Path images = ExploreTestData.sharedDatasets().resolve("images");
    try (EmbeddingModel tinyClip = Embedkit.loadFolder("tiny-clip", clip, LoadOptions.DEFAULTS);
        LuceneCollection pictures = new EmbeddedCollections(root.resolve("collections"), name -> tinyClip)
            .create(CollectionSpec.of("pictures", "tiny-clip"))) {
      List<Document> documents = new ArrayList<>();
      for (String name : PICTURES) {
        documents.add(new Document(name.substring(0, name.indexOf('.')), null, Map.of("file", name), null,
            images.resolve(name).toString()));
      }
      pictures.add(documents);
    }
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0)
        .withModels(List.of(MODEL, "tiny-clip=" + clip))
        .withCollectionsRoot(root.resolve("collections")).withEvalReports(reports));
    library = Embedkit.load(MODEL);
    HttpTestClient client = new HttpTestClient(server.baseUrl(), null);
    collectionsResult(client.put("/collections/" + COLLECTION, json(Map.of("model", MODEL))));
    int[] taken = new int[ExploreTestData.GENRES.size()];
    List<Map<String, Object>> documents = new ArrayList<>();
    for (ExploreTestData.LabelledSentence s : ExploreTestData.stsbSentences()) {
      if (taken[s.genre()] == 100) {
        continue;
      }
      String id = "s" + documents.size();
      String genre = ExploreTestData.GENRES.get(s.genre());
      documents.add(Map.of("id", id, "text", s.text(), "metadata", Map.of("genre", genre, "n", documents.size())));
      taken[s.genre()]++;
      ids.add(id);
      texts.add(s.text());
      genres.add(genre);
    }
    collectionsResult(client.put("/collections/" + COLLECTION + "/documents", json(Map.of("documents", documents))));
    // A real evaluation (STS Benchmark's test split, as `embedkit eval sts` runs it), kept where the page reads it.
    evaluation = new Evaluation(List.of(MODEL), List.of(Precision.FLOAT32), List.of())
        .run(new StsTask(StsPairs.read(ExploreTestData.sharedDatasets().resolve("stsb/stsb-en-test.csv")), null),
            EmbeddingCache.disabled(), ProgressBar.SILENT);
    new SavedReports(reports, Clock.systemUTC()).save(evaluation);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (library != null) {
      library.close();
    }
  }

  @BeforeEach
  void desktop() {
    browser.resize(HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT);
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "the browser console has errors");
    assertEquals(List.of(), browser.js("return window.embedkitErrors || []"), "the page caught script errors");
  }

  @Test
  @Order(1)
  void playgroundShowsTheReadmeSimilarityTokensAndNorms() {
    open("#/playground");
    assertEquals(String.join("\n", README), byId("pg-texts").getAttribute("value"), "the README's sentences are the example");
    click("pg-run");
    waitFor("pg-heatmap");
    List<float[]> vectors = library.embed(README).vectors();
    String expected = String.format(Locale.ROOT, "%.4f", Metric.COSINE.compute(vectors.get(0), vectors.get(1)));
    assertEquals("0.6660", expected, "the README's number");
    assertEquals(expected, cell(0, 1));
    assertEquals(expected, cell(1, 0));
    assertEquals("1.0000", cell(2, 2));
    assertEquals(String.format(Locale.ROOT, "%.4f", Metric.COSINE.compute(vectors.get(0), vectors.get(2))), cell(0, 2));
    int[] tokens = library.countTokens(README);
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#pg-details tbody tr"));
    assertEquals(3, rows.size());
    for (int i = 0; i < 3; i++) {
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertEquals(README.get(i), cells.get(1).getText());
      assertEquals(Integer.toString(tokens[i]), cells.get(2).getText(), "token count of input " + i);
      assertEquals("1.0000", cells.get(3).getText(), "all-MiniLM-L6-v2's vectors are normalised");
      assertEquals("384", cells.get(4).getText());
    }
    String curl = byId("pg-curl").getText();
    assertTrue(curl.contains(server.baseUrl() + "/v1/embeddings") && curl.contains("It'\\''s so sunny outside!"), curl);
    click("pg-tab-python");
    assertTrue(byId("pg-python").getText().contains("client.embeddings.create("), byId("pg-python").getText());
    screenshot("playground.png");
  }

  @Test
  @Order(2)
  void aTextLongerThanTheWindowIsFlaggedTruncated() {
    open("#/playground");
    String longText = "word ".repeat(400).trim();
    setText("pg-texts", "A short sentence.\n" + longText);
    click("pg-run");
    waitFor("pg-details");
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#pg-details tbody tr"));
    assertFalse(rows.get(0).getText().contains("truncated"));
    assertTrue(rows.get(1).getText().contains("256") && rows.get(1).getText().contains("truncated"), rows.get(1).getText());
  }

  @Test
  @Order(3)
  void emptyInputAndTooManyTextsGetAMessageAndNoRequest() {
    open("#/playground");
    setText("pg-texts", "   \n\n");
    click("pg-run");
    assertTrue(message().startsWith("Nothing to compare"), message());
    setText("pg-texts", String.join("\n", texts.subList(0, 200)));
    click("pg-run");
    assertTrue(message().contains("You gave 200 inputs") && message().contains("at most 64"), message());
    assertTrue(browser.driver().findElements(By.id("pg-heatmap")).isEmpty(), "nothing was compared");
  }

  @Test
  @Order(4)
  void aClipModelTakesDroppedPicturesAndRefusesOtherFiles() throws Exception {
    open("#/playground");
    new Select(byId("pg-model")).selectByValue("tiny-clip");
    assertTrue(byId("pg-image-box").isDisplayed(), "CLIP models take pictures");
    Path picture = TestPictures.solidPng(root.resolve("red.png"), 40, 30, 0xCC2020);
    Path notPicture = Files.writeString(root.resolve("notes.txt"), "not a picture");
    byId("pg-files").sendKeys(notPicture.toString());
    assertTrue(message().contains("\"notes.txt\" is not a picture"), message());
    Path huge = root.resolve("huge.png");
    try (var out = Files.newOutputStream(huge)) {
      out.write(new byte[(int) ServerLimits.DEFAULT_MAX_IMAGE_BYTES + 1]);
    }
    byId("pg-files").sendKeys(huge.toString());
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> message().contains("\"huge.png\" is 10.0 MiB"));
    assertTrue(message().contains("at most 10.0 MiB"), message());
    byId("pg-files").sendKeys(picture.toString());
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(d -> d.findElements(By.cssSelector("#pg-images li")).size() == 1);
    setText("pg-texts", "a red square");
    click("pg-run");
    waitFor("pg-heatmap");
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#pg-details tbody tr"));
    assertEquals(2, rows.size(), "a text and a picture");
    assertEquals("\u2014", rows.get(0).findElements(By.tagName("td")).get(2).getText(),
        "CLIP does not list its tokens: a dash, and no failed request in the console");
    assertTrue(rows.get(1).getText().contains("red.png") && rows.get(1).getText().contains("picture"), rows.get(1).getText());
    assertTrue(byId("pg-curl").getText().contains("<base64 of the picture>"), "the snippet stays readable");
  }

  @Test
  @Order(5)
  void searchFindsTheLibrarysTopResultAndFiltersAndFindsMoreLikeIt() {
    String query = "A man is playing a guitar.";
    open("#/search?collection=" + COLLECTION);
    assertFalse(byId("s-image").isDisplayed(), "a text collection is not searched by picture");
    setText("s-query", query);
    click("s-go");
    waitFor("s-results", "li");
    float[] q = library.embed(List.of(query)).vectors().get(0);
    List<float[]> docs = library.embed(texts).vectors();
    int best = 0;
    for (int i = 1; i < docs.size(); i++) {
      if (Metric.COSINE.compute(q, docs.get(i)) > Metric.COSINE.compute(q, docs.get(best))) {
        best = i;
      }
    }
    List<WebElement> hits = hits();
    assertEquals(10, hits.size());
    assertEquals(ids.get(best), hits.get(0).getAttribute("data-id"));
    double shown = Double.parseDouble(hits.get(0).findElement(By.className("score")).getText());
    assertEquals(Metric.COSINE.compute(q, docs.get(best)), shown, 1e-4);
    assertTrue(hits.get(0).findElement(By.tagName("mark")).getText().length() > 0, "the best chunk is marked");
    assertTrue(hits.get(0).getText().contains("genre"), "metadata shown");
    screenshot("search.png");

    click("s-add-filter");
    WebElement row = browser.driver().findElement(By.cssSelector("#s-filters .filter"));
    new Select(row.findElement(By.cssSelector("select[aria-label=Field]"))).selectByValue("genre");
    row.findElement(By.cssSelector("input[aria-label=Value]")).sendKeys("news");
    assertEquals("genre = 'news'", byId("s-filter-text").getText());
    click("s-hybrid");
    click("s-go");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(d -> byId("s-summary").getText().contains("where genre = 'news'"));
    for (WebElement hit : hits()) {
      assertEquals("news", genres.get(ids.indexOf(hit.getAttribute("data-id"))), "the filter holds for " + hit.getText());
    }
    String first = hits().get(0).getAttribute("data-id");
    hits().get(0).findElement(By.className("more-like")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
        .until(d -> byId("s-summary").getText().contains("like document \"" + first + "\""));
    assertFalse(hits().isEmpty());
  }

  @Test
  @Order(5)
  void anImageCollectionIsSearchedByAPictureAndShowsThumbnails() {
    Path images = ExploreTestData.sharedDatasets().resolve("images");
    open("#/search?collection=pictures");
    assertTrue(byId("s-image").isDisplayed(), "a CLIP collection is searched by picture too");
    byId("s-image").sendKeys(images.resolve("horse.png").toString());
    click("s-go");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> byId("s-summary").getText().contains("like the picture"));
    assertEquals("horse", hits().get(0).getAttribute("data-id"), "the same picture ranks first");
    assertEquals(1.0, Double.parseDouble(hits().get(0).findElement(By.className("score")).getText()), 1e-4);
    browser.waitUntil("const imgs = [...document.querySelectorAll('#s-results img.thumb')];"
        + " return imgs.length === 5 && imgs.every(i => !i.hidden && i.complete && i.naturalWidth > 0)");
    screenshot("search-pictures.png");
  }

  @Test
  @Order(6)
  void theMapHasOnePointPerDocumentFindsTextAndOpensADocument() {
    open("#/map?collection=" + COLLECTION);
    browser.waitUntil("return !!window.embedkitMap && window.embedkitMap.drawn()");
    assertEquals((long) ids.size(), browser.js("return window.embedkitMap.points"), "one point per document");
    List<WebElement> legend = browser.driver().findElements(By.cssSelector("#legend .entry"));
    assertTrue(legend.size() >= 2, "clusters are coloured and named: " + legend.size());
    assertFalse(legend.get(0).findElement(By.className("name")).getText().isBlank());
    byId("search").sendKeys("man");
    long containing = texts.stream().filter(t -> t.toLowerCase(Locale.ROOT).contains("man")).count();
    browser.waitUntil("return window.embedkitMap.matches === " + containing);
    byId("search").sendKeys(Keys.ENTER);
    waitFor("m-document-text");
    assertTrue(byId("m-document-text").getText().toLowerCase(Locale.ROOT).contains("man"), "Enter opens the first match");
    assertEquals("H2", browser.js("return document.activeElement.tagName"), "the opened document takes the focus");
    browser.js("document.getElementById('m-document').hidden = true; document.getElementById('m-document').textContent = ''");
    byId("search").clear();
    browser.js("document.getElementById('search').dispatchEvent(new Event('input'))");
    screenshot("map.png");
    browser.js("document.getElementById('map').scrollIntoView({block: 'center'})");
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) browser.js("return window.embedkitMap.screenPosition(7)");
    new Actions(browser.driver()).moveToLocation((int) Math.round(((Number) at.get("x")).doubleValue()),
        (int) Math.round(((Number) at.get("y")).doubleValue())).click().perform();
    waitFor("m-document-text");
    String id = browser.driver().findElement(By.cssSelector("#m-document h2")).getText();
    assertEquals(texts.get(ids.indexOf(id)), byId("m-document-text").getText(), "the clicked point's document opens");
  }

  @Test
  @Order(7)
  void modelsShowTheirFactsAndTheKeptEvaluation() {
    open("#/models");
    waitFor("models-list");
    WebElement card = browser.driver().findElement(By.cssSelector(".card[data-model='" + MODEL + "']"));
    assertEquals(Integer.toString(library.info().dimensions()), fact(card, "Dimensions"));
    assertEquals(Integer.toString(library.info().maxSeqLength()), fact(card, "Max tokens"));
    assertEquals("mean", fact(card, "Pooling"));
    assertEquals("fp32", fact(card, "Precision"));
    WebElement clipCard = browser.driver().findElement(By.cssSelector(".card[data-model='tiny-clip']"));
    assertTrue(fact(clipCard, "Takes").contains("image"), fact(clipCard, "Takes"));
    WebElement report = browser.driver().findElement(By.cssSelector("#evaluations .report[data-task=sts]"));
    double spearman = evaluation.results().get(0).metrics().get("spearman");
    assertTrue(report.getText().contains(String.format(Locale.ROOT, "%.2f", spearman)) && report.getText().contains(MODEL),
        report.getText());
    screenshot("models.png");
  }

  @Test
  @Order(8)
  void theKeyboardReachesEveryView() {
    open("#/playground");
    WebElement body = browser.driver().findElement(By.tagName("body"));
    body.click();
    for (int i = 0; i < 10 && !"Search".equals(browser.js("return document.activeElement.textContent")); i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    }
    assertEquals("Search", browser.js("return document.activeElement.textContent"), "Tab reaches the navigation");
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> "search".equals(
        browser.js("return document.getElementById('view').dataset.view")));
    open("#/map?collection=" + COLLECTION);
    browser.waitUntil("return !!window.embedkitMap && window.embedkitMap.drawn()");
    WebElement firstCluster = browser.driver().findElement(By.cssSelector("#legend .entry"));
    browser.js("arguments[0].focus()", firstCluster);
    new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
    assertEquals(List.of(Long.parseLong(firstCluster.getAttribute("data-cluster"))), browser.js("return window.embedkitMap.hiddenClusters"),
        "Enter on a focused cluster hides it");
    assertEquals("false", firstCluster.getAttribute("aria-pressed"));
    open("#/playground");
    byId("pg-texts").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    waitFor("pg-heatmap");
  }

  @Test
  @Order(8)
  void movingOnWhileAViewIsStillLoadingLeavesOnlyTheNewView() {
    open("#/models");
    // A t-SNE map takes a while; Search is clicked before it is drawn, then Map again, all inside the page.
    browser.js("location.hash = '#/map?collection=" + COLLECTION + "&method=tsne'");
    browser.driver().findElement(By.cssSelector("nav a[data-view=search]")).click();
    waitForReady();
    assertEquals("search", browser.js("return document.getElementById('view').dataset.view"));
    assertEquals(1L, browser.js("return document.getElementById('view').children.length"), "one view at a time");
    assertTrue(browser.driver().findElements(By.id("m-map")).isEmpty(), "no map drawn into the search view");
    assertFalse(byId("message").isDisplayed(), "no error from the abandoned map");
    browser.driver().findElement(By.cssSelector("nav a[data-view=map]")).click();
    browser.waitUntil("return !!window.embedkitMap && window.embedkitMap.drawn()");
    assertEquals((long) ids.size(), browser.js("return window.embedkitMap.points"));
    assertEquals(1L, browser.js("return document.querySelectorAll('#map').length"));
    browser.consoleErrors(); // the aborted map request may be logged as cancelled by the browser
  }

  @Test
  @Order(9)
  void everyViewFitsAPhoneWidth() {
    browser.resize(390, 844);
    for (String view : List.of("playground", "search", "map", "models")) {
      open("#/" + view + "?collection=" + COLLECTION);
      waitForReady();
      if (view.equals("playground")) {
        click("pg-run");
        waitFor("pg-heatmap");
      }
      Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
      assertTrue(overflow.intValue() <= 0, view + " is wider than a phone by " + overflow + " px");
    }
    open("#/playground");
    click("pg-run");
    waitFor("pg-heatmap");
    screenshot("playground-phone.png");
  }

  @Test
  @Order(10)
  void aCollectionDeletedWhileOpenGetsAMessageAndTheListIsRefreshed() {
    HttpTestClient client = new HttpTestClient(server.baseUrl(), null);
    collectionsResult(client.put("/collections/doomed", json(Map.of("model", MODEL))));
    collectionsResult(client.put("/collections/doomed/documents", json(Map.of("documents",
        List.of(Map.of("id", "1", "text", "A short-lived document."), Map.of("id", "2", "text", "Another one."))))));
    open("#/search?collection=doomed");
    setText("s-query", "short-lived");
    click("s-go");
    waitFor("s-results", "li");
    String first = hits().get(0).getAttribute("data-id");
    collectionsResult(client.post("/collections/doomed/documents/delete", json(Map.of("ids", List.of(first)))));
    hits().get(0).findElement(By.className("more-like")).click();
    assertTrue(message().contains("no document '" + first + "'") && !message().contains("no longer exists"),
        "a missing document is not a missing collection: " + message());
    collectionsResult(client.delete("/collections/doomed"));
    setText("s-query", "anything");
    click("s-go");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> message().contains("\"doomed\" no longer exists"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
        d.findElements(By.cssSelector("#s-collection option[value=doomed]")).isEmpty());
    List<String> logged = browser.consoleErrors();
    assertTrue(logged.size() == 2 && logged.stream().allMatch(line -> line.contains("404")),
        "only the two 404s are logged: " + logged);
  }

  @Test
  @Order(11)
  void theServerFailingOrGoneGivesReadableMessages() {
    open("#/playground");
    waitForReady();
    @SuppressWarnings("unchecked")
    List<String> described = (List<String>) browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('./ui/api.js').then(async (api) => {
          const shapes = [
            new Response(JSON.stringify({error: {message: 'too many', type: 'rate_limit_error'}}), {status: 429, headers: {'Retry-After': '3'}}),
            new Response(JSON.stringify({error: 'backend broke', error_type: 'Backend'}), {status: 500}),
            new Response(JSON.stringify({status: {error: 'no such collection'}, time: 0}), {status: 404}),
            new Response('<html><body>Bad gateway</body></html>', {status: 502}),
          ];
          const out = [];
          for (const r of shapes) out.push(api.describeFailure(r.status, await api.errorText(r), r.headers.get('Retry-After')));
          done(out);
        });""");
    assertEquals(List.of("The server is busy: too many Try again in 3 s.", "The server failed (HTTP 500): backend broke",
        "no such collection", "The server failed (HTTP 502): Bad gateway"), described);

    EmbedkitServer doomed = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL))
        .withCollectionsRoot(root.resolve("doomed-collections")).withEvalReports(root.resolve("none")));
    try {
      browser.open(doomed.baseUrl() + "/#/playground");
      waitForReady();
    } finally {
      doomed.close();
    }
    click("pg-run");
    assertTrue(message().startsWith("The server cannot be reached"), message());
    setText("pg-texts", "still typing");
    assertEquals("still typing", byId("pg-texts").getAttribute("value"), "the page keeps working");
    browser.consoleErrors(); // the refused connection is logged by the browser itself
  }

  @Test
  @Order(12)
  void withTheKeyOnThePageAsksOnceAndKeepsItForTheTab() {
    EmbedkitServer keyed = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root.resolve("keyed-collections")).withEvalReports(root.resolve("none")));
    try {
      browser.open(keyed.baseUrl() + "/#/playground");
      waitFor("key-input");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> byId("key-dialog").isDisplayed());
      byId("key-input").sendKeys("wrong-key");
      click("key-save");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
          byId("key-dialog").isDisplayed() && byId("key-reason").getText().startsWith("The key was refused"));
      byId("key-input").sendKeys(KEY + Keys.ENTER);
      waitForReady();
      click("pg-run");
      waitFor("pg-heatmap");
      assertEquals("0.6660", cell(0, 1));
      assertTrue(byId("pg-curl").getText().contains("Authorization: Bearer $EMBEDKIT_API_KEY"), "the key is never printed");
      assertFalse(byId("pg-curl").getText().contains(KEY));
      assertEquals(KEY, browser.js("return sessionStorage.getItem('embedkit.apiKey')"), "kept for this tab only");
      assertEquals(null, browser.js("return localStorage.getItem('embedkit.apiKey')"));
      open(keyed.baseUrl(), "#/models");
      waitFor("models-list");
      assertFalse(byId("key-dialog").isDisplayed(), "asked once");
      List<String> logged = browser.consoleErrors();
      assertTrue(logged.stream().allMatch(line -> line.contains("401")), "only the key handshake's 401s: " + logged);
      browser.js("sessionStorage.clear()");
    } finally {
      keyed.close();
    }
  }

  @Test
  @Order(13)
  void firstLoadOnAWarmServerIsMeasuredBesideAPlainStaticServer() throws Exception {
    open("#/models");
    String ours = loads(server.baseUrl() + "/", "#/playground");
    // The peer, in the same run and browser: the same files from the JDK's own HTTP server (no API behind it, so only
    // the load event is compared: the page's first view also waits for GET embedkit/models).
    HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    plain.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String resource = path.equals("/") ? "dev/embedkit/server/web/index.html"
          : path.equals("/ui/embedkit-map.js") ? "dev/embedkit/explore/render/map.js"
          : path.equals("/ui/map-parts.css") ? "dev/embedkit/explore/render/map-parts.css"
          : "dev/embedkit/server/web/" + path.substring("/ui/".length());
      try (var in = WebPageBrowserTest.class.getClassLoader().getResourceAsStream(resource)) {
        byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", resource.endsWith(".html") ? "text/html; charset=utf-8"
            : resource.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        exchange.sendResponseHeaders(in == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    plain.start();
    String peer;
    try {
      peer = loads("http://127.0.0.1:" + plain.getAddress().getPort() + "/", null);
    } finally {
      plain.stop(0);
      browser.consoleErrors(); // the peer has no API behind the page: its failed calls are expected there
      browser.js("window.embedkitErrors = []");
    }
    String report = "web page first load on a warm server, Chromium " + browser.driver().getCapabilities().getBrowserVersion()
        + ", 5 loads each (Navigation Timing):\n  embedkit serve: " + ours + "\n  same files from the JDK's HttpServer (peer): " + peer;
    System.out.println(report);
    Files.createDirectories(SCREENSHOTS);
    Files.writeString(SCREENSHOTS.resolve("first-load.txt"), report + "\n");
  }

  /** Loads the page five times and describes the median and range of the load event (and of the first view's readiness). */
  private static String loads(String url, String hash) {
    List<Double> load = new ArrayList<>();
    List<Double> ready = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      browser.open("about:blank");
      browser.open(url + "?load=" + i + (hash == null ? "" : hash));
      if (hash != null) {
        waitForReady();
        ready.add(((Number) browser.js("return performance.getEntriesByName('embedkit-ready')[0].startTime")).doubleValue());
      }
      load.add(((Number) browser.js("const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime;"))
          .doubleValue());
    }
    return "load event " + range(load) + (ready.isEmpty() ? "" : "; first view ready (its API call answered) " + range(ready));
  }

  private static String range(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(Double::compare);
    return String.format(Locale.ROOT, "median %.1f ms (%.1f-%.1f)", sorted.get(sorted.size() / 2), sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  // ---- helpers

  private static void open(String hash) {
    open(server.baseUrl(), hash);
  }

  private static void open(String base, String hash) {
    browser.open("about:blank"); // a fresh page each time, not a hash change in the old one
    browser.open(base + "/" + hash);
    waitForReady();
  }

  /** A screenshot of the whole view: the window made as tall as the page, then restored. */
  private static void screenshot(String name) {
    org.openqa.selenium.Dimension before = browser.driver().manage().window().getSize();
    long height = (Long) browser.js("return Math.min(2400, document.documentElement.scrollHeight + 140)");
    browser.resize(before.getWidth(), (int) Math.max(before.getHeight(), height));
    browser.js("window.scrollTo(0, 0)");
    browser.driver().executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
    browser.screenshot(SCREENSHOTS.resolve(name));
    browser.resize(before.getWidth(), before.getHeight());
  }

  private static void waitForReady() {
    browser.waitUntil("const v = document.getElementById('view'); return !!v && v.dataset.ready === 'true'");
  }

  private static WebElement byId(String id) {
    return browser.driver().findElement(By.id(id));
  }

  private static void click(String id) {
    byId(id).click();
  }

  private static void setText(String id, String text) {
    browser.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('input'));", id, text);
  }

  private static void waitFor(String id) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> !d.findElements(By.id(id)).isEmpty());
  }

  private static void waitFor(String id, String child) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector("#" + id + " " + child)).isEmpty());
  }

  private static String cell(int row, int col) {
    return browser.driver().findElement(By.cssSelector("#pg-heatmap td[data-row='" + row + "'][data-col='" + col + "']")).getText();
  }

  private static String message() {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> byId("message").isDisplayed());
    return byId("message-text").getText();
  }

  private static List<WebElement> hits() {
    return browser.driver().findElements(By.cssSelector("#s-results li.hit"));
  }

  private static String fact(WebElement card, String name) {
    return card.findElement(By.cssSelector("dd[data-fact='" + name + "']")).getText();
  }
}
