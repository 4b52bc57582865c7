package io.cordum.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console tests: the system's {@code chromium} and {@code
 * chromedriver} (Debian's packages), found at {@code CORDUM_CHROMIUM} / {@code
 * CORDUM_CHROMEDRIVER}, {@code /usr/bin}, or on the PATH. Nothing is downloaded. Without them the
 * tests are skipped with a message saying what to install, except under {@code CI=true}, where they
 * fail.
 *
 * <p>Chromium runs with a fresh profile and without background networking, sync or component
 * updates, so it never reaches for the network.
 */
final class Browser implements AutoCloseable {
  static final Path SHOTS = Paths.get("target", "console-screenshots");

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Why the browser tests can not run here (Chromium or its driver missing), or {@code null}. Under
   * {@code CI=true} a missing browser is a failure instead.
   */
  static String missing() {
    Path chromium = find("CORDUM_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    Path chromedriver = find("CORDUM_CHROMEDRIVER", "chromedriver");
    if (chromium != null && chromedriver != null) {
      return null;
    }
    String msg =
        "console browser tests need Chromium and its driver: apt-get install chromium "
            + "chromium-driver (or set CORDUM_CHROMIUM and CORDUM_CHROMEDRIVER); missing: "
            + (chromium == null ? "chromium " : "")
            + (chromedriver == null ? "chromedriver" : "");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(msg);
    }
    return msg;
  }

  /** Starts Chromium, or skips (fails under CI) when it is not installed. */
  static Browser start() {
    Path chromium = find("CORDUM_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
    Path chromedriver = find("CORDUM_CHROMEDRIVER", "chromedriver");
    if (chromium == null || chromedriver == null) {
      String msg =
          "console browser tests need Chromium and its driver: apt-get install chromium "
              + "chromium-driver (or set CORDUM_CHROMIUM and CORDUM_CHROMEDRIVER); missing: "
              + (chromium == null ? "chromium " : "")
              + (chromedriver == null ? "chromedriver" : "");
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(msg);
      }
      Assumptions.abort(msg);
    }
    try {
      Path profile = Files.createTempDirectory("cordum-console-chromium");
      ChromeOptions o = new ChromeOptions();
      o.setBinary(chromium.toFile());
      o.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1366,900",
          "--user-data-dir=" + profile.toAbsolutePath());
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      o.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(chromedriver.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver d = new ChromeDriver(service, o);
      d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      Files.createDirectories(SHOTS);
      return new Browser(d, profile);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path find(String env, String... names) {
    String v = System.getenv(env);
    if (v != null && !v.isBlank()) {
      Path p = Paths.get(v);
      return Files.isExecutable(p) ? p : null;
    }
    for (String n : names) {
      Path p = Paths.get("/usr/bin", n);
      if (Files.isExecutable(p)) {
        return p;
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path q = Paths.get(dir, n);
        if (!dir.isEmpty() && Files.isExecutable(q)) {
          return q;
        }
      }
    }
    return null;
  }

  WebDriverWait await() {
    return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
  }

  WebElement waitFor(By by) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  void waitForText(By by, String text) {
    await().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Saves a screenshot as {@code target/console-screenshots/<name>.png}. */
  Path shot(String name) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Path p = SHOTS.resolve(name + ".png");
      Files.write(p, png);
      return p;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Browser console errors since the last call, without failed-request lines (403s we cause). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .toList();
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
  }

  WebDriver raw() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> s = Files.walk(profile)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp profile is harmless
      }
    }
  }
}
