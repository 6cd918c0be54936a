package dev.embedkit.explore.render;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium driven headless through chromium-driver, for tests of pages (the HTML map here, and the server's
 * web page, whose tests use this class from this module's test-jar).
 *
 * <p>Both binaries are given explicitly, so Selenium Manager (which would try to download a driver and a browser)
 * is never consulted; there is no network here and a test must not depend on one. Tests skip, saying why, where
 * chromium or its driver is not installed.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *   browser.open(page);
 *   assertEquals(List.of(), browser.errors());
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final int WIDTH = 1280;
  public static final int HEIGHT = 900;

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** Starts a browser, or aborts the calling test (skipped) when chromium or chromedriver is missing. */
  public static HeadlessChromium start() {
    // CI sets EMBEDKIT_REQUIRE_BROWSER=1 (.ci/run installs both): there a missing browser fails instead of skipping.
    if ("1".equals(System.getenv("EMBEDKIT_REQUIRE_BROWSER"))) {
      org.junit.jupiter.api.Assertions.assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
          "EMBEDKIT_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
    }
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": install Debian's chromium to run browser tests");
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": install Debian's chromium-driver to run browser tests");
    // The driver's path as a property too: whatever route Selenium takes to find a driver, it finds this one.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1",
        // Nothing of the page's own may reach a network; these also keep Chromium's background services quiet.
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    return new HeadlessChromium(service, driver);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Loads a local file and waits for its load event. */
  public void open(Path file) {
    driver.get(file.toAbsolutePath().toUri().toString());
  }

  /** Loads a URL (a test server's page) and waits for its load event. */
  public void open(String url) {
    driver.get(url);
  }

  /** Saves what the window shows as a PNG. */
  public void screenshot(Path png) {
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Resizes the window (a phone's width, say). */
  public void resize(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  /** Runs JavaScript in the page and returns its result (numbers come back as Long or Double). */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Polls the script until it returns true (every 20 ms, at most 30 s). */
  public void waitUntil(String condition) {
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(20))
        .until(d -> Boolean.TRUE.equals(js(condition)));
  }

  /** The browser console's errors since the last call (SEVERE entries: exceptions, failed loads). */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
