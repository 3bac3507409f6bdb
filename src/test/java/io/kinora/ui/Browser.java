package io.kinora.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given, so
 * Selenium Manager never tries to download a browser or a driver (this machine cannot).
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final Path profile;
  private final List<LogEntry> seenLogs = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() throws IOException {
    Path profile = Files.createTempDirectory("kinora-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile,
        "--window-size=1280,860", "--lang=en-US", "--force-color-profile=srgb", "--mute-audio");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    Files.createDirectories(Path.of("target"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .withLogFile(Path.of("target", "chromedriver.log").toFile())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  /** Signs this browser in with a session made through the API (the sign-in page has tests of its own). */
  void signIn(String baseUrl, Map<String, String> cookies) {
    driver.get(baseUrl + "/favicon.svg");
    cookies.forEach((name, value) -> driver.manage().addCookie(new Cookie.Builder(name, value).path("/")
        .isHttpOnly(name.equals("kinora_session")).sameSite("Lax").build()));
  }

  /**
   * Navigates, and once more if Chromium's renderer never answered the first time: on a loaded
   * machine the first page of a new browser once timed out so ("Timed out receiving message from
   * renderer", 30 s) while the node answered at once. A page that really hangs still fails.
   */
  void open(String url) {
    try {
      driver.get(url);
    } catch (org.openqa.selenium.TimeoutException rendererSilent) {
      driver.get(url);
    }
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  double number(String script, Object... args) {
    Object value = js(script, args);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Polls until the condition holds; an element re-rendered while it was being read just means "not yet". */
  <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return await(Duration.ofSeconds(30), what, condition);
  }

  /**
   * Waits until what a screenshot or a layout check should see is on screen: the fonts loaded, two
   * frames drawn since now (so a changed viewport or colour scheme has been styled and laid out),
   * and no CSS transition or finite animation still running.
   */
  void awaitSettled() {
    driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));");
    await(Duration.ofSeconds(10), "transitions and animations to finish", d -> Boolean.TRUE.equals(js(
        "return document.getAnimations().every(a => a.playState !== 'running'"
            + " || a.effect.getComputedTiming().iterations === Infinity)")));
  }

  /** Sets the viewport to a phone (or back to desktop with null) through the DevTools protocol. */
  void emulatePhone(boolean phone) {
    if (phone) {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
          "width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    } else {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  /**
   * True when this run should write screenshots ({@code KINORA_SCREENSHOTS=1 bin/test}): they are
   * pictures for the docs, not checks, and drawing and encoding each one costs Chromium CPU.
   */
  static boolean screenshotsWanted() {
    return "1".equals(System.getenv("KINORA_SCREENSHOTS"));
  }

  /** Writes {@code target/screenshots/{name}.png} when screenshots are wanted; null otherwise. */
  Path screenshot(String name) throws IOException {
    if (!screenshotsWanted()) {
      return null;
    }
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** Everything the page logged since the last call (SEVERE = console errors, failed loads). */
  List<LogEntry> logs() {
    List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
    seenLogs.addAll(entries);
    return entries;
  }

  List<String> consoleErrors() {
    return logs().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
