package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin dashboard, /admin/dashboard, in a real Chromium against a node of its own (empty
 * Redis, one transcode slot, ffmpeg reading at the clip's pace so a 20 s clip transcodes for
 * about 20 s): the node with its slot and a running job whose bar moves, the queue behind it,
 * the charts saying what GET /api/admin/stats counted (and a page opened later showing the same
 * hour at once), a failed job with its reason retried from the page, a non-admin refused, Pause
 * stopping every poll, labelled controls, a phone width, no console error and no
 * Content-Security-Policy violation.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class AdminDashboardUiIT {

  private static final String CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', "
      + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));";

  private static RedisServer redis;
  private static TestNode node;
  /** The first account on this node, so its administrator. */
  private static KinoraClient admin;
  private static KinoraClient user;
  private static Browser browser;
  private static String base;

  @TempDir
  static Path work;

  /**
   * Not the run's shared node: this class needs one slot and paced ffmpeg (so a job stays running
   * long enough to watch), and its failed jobs and charts must be its own.
   */
  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of(
        "KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString(),
        "KINORA_TRANSCODE_SLOTS", "1"));
    admin = KinoraClient.signedUp(vertx, node.httpPort());
    user = KinoraClient.signedUp(vertx, node.httpPort());
    base = admin.baseUrl();
    browser = Browser.start();
    browser.driver.executeCdpCommand("Page.enable", Map.of());
    browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
    browser.signIn(base, admin.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    try (RedisServer r = redis; TestNode n = node) {
      if (browser != null) {
        browser.close();
      }
      for (KinoraClient c : new KinoraClient[] {admin, user}) {
        if (c != null) {
          c.close();
        }
      }
    }
  }

  @AfterEach
  void noConsoleErrorsAndNoCspViolations() {
    assertEquals(List.of(), browser.js("return window.__csp || []"), "CSP violations on " + browser.driver.getCurrentUrl());
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  @Order(1)
  void theNodeShowsItsSlotAndARunningJobWhoseProgressMovesWithTheQueueBehindIt() throws Exception {
    openDashboard();
    WebElement card = await("the node", d -> browser.find(".node-card"));
    assertEquals("1", card.getAttribute("data-slots"));
    assertTrue(card.getText().contains("0 of 1 slot busy"), card.getText());
    assertTrue(card.getText().contains(node.config().http().port() + ""), "the node's address: " + card.getText());

    String longId = admin.upload(Clips.mp4(work, "long.mp4", 640, 360, 20, 15));
    String shortId = admin.upload(Clips.shortClip());

    WebElement job = await(Duration.ofSeconds(60), "the long job running on the node",
        d -> browser.find(".node-card .node-job[data-video-id='" + longId + "']"));
    assertEquals("long", job.findElement(By.className("job-title")).getText());
    WebElement bar = job.findElement(By.cssSelector("[role=progressbar]"));
    assertEquals("Progress of long", bar.getAttribute("aria-label"));
    await("one slot busy", d -> browser.find(".node-card").getText().contains("1 of 1 slot busy"));
    WebElement queued = await("the short clip waiting in the queue",
        d -> browser.find("#queue-list .job-row[data-video-id='" + shortId + "']"));
    assertTrue(queued.getText().contains("short"), queued.getText());
    assertEquals("1", browser.find("#glance-queued").getText());

    int first = await(Duration.ofSeconds(60), "some progress", d -> progressOf(longId) > 0 ? progressOf(longId) : null);
    screenshotOf("#nodes-panel", "admin-dashboard-running");
    int later = await(Duration.ofSeconds(60), "more progress", d -> progressOf(longId) > first ? progressOf(longId) : null);
    assertTrue(later > first && later <= 100, first + " then " + later);
    // read together: the next look at the server may move both between two reads
    assertEquals(List.of(true), browser.js("const job = document.querySelector(\".node-job[data-video-id='" + longId
        + "']\"); return [job.dataset.progress === job.querySelector('[role=progressbar]').getAttribute('aria-valuenow')]"),
        "the bar says the job's progress to screen readers");

    admin.awaitReady(longId);
    admin.awaitReady(shortId);
    await("both counted as finished", d -> "2".equals(chart("jobs").getAttribute("data-count")));
    assertChartsMatchTheServer();
    assertEquals("2 jobs finished in the last hour (2 ready, 0 failed).", summary("jobs"));
    assertTrue(summary("ready").startsWith("2 videos became ready in the last hour; median time from upload to ready "),
        summary("ready"));
    assertFalse(chart("jobs").findElements(By.cssSelector(".chart-bar")).isEmpty(), "a bar drawn");
    await("the node idle again", d -> browser.find(".node-card").getText().contains("Idle: no job running."));
    await("the queue empty", d -> browser.find("#queue-empty").isDisplayed());
    screenshotOf("#charts-panel", "admin-dashboard-charts");

    openDashboard(); // the server keeps the hour: a page opened now shows it from its first look
    assertEquals("2", chart("jobs").getAttribute("data-count"));
    assertChartsMatchTheServer();
  }

  @Test
  @Order(2)
  void aFailedJobShowsItsReasonAndRetryQueuesItAgain() throws Exception {
    openDashboard();
    Path notVideo = work.resolve("clip.mp4");
    byte[] noise = new byte[200_000];
    new Random(16).nextBytes(noise);
    Files.write(notVideo, noise);
    String id = admin.upload(notVideo);
    JsonObject failed = admin.awaitDone(id);
    assertEquals("failed", failed.getString("status"));
    String reason = failed.getString("error");

    WebElement row = await(Duration.ofSeconds(20), "the failed row", d -> failedRow(id));
    assertEquals(reason, row.findElement(By.className("job-reason")).getText());
    assertEquals("1", row.getAttribute("data-attempts"));
    JsonObject listed = failedJob(id);
    assertEquals(listed.getString("node"), fact(row, "Node"));
    assertEquals(String.valueOf(listed.getInteger("attempts")), fact(row, "Attempts"));
    String firstFailure = row.getAttribute("data-updated-at");
    assertEquals(listed.getString("updatedAt"), firstFailure);
    String log = listed.getString("log");
    assertFalse(log == null || log.isBlank(), "the API keeps a log: " + listed.encode());
    WebElement logBox = row.findElement(By.cssSelector("details.job-log"));
    logBox.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
    await("the log opened", d -> logBox.getAttribute("open") != null);
    assertEquals(log.strip(), logBox.findElement(By.tagName("pre")).getText().strip());
    await("counted as a failure", d -> "1".equals(chart("failures").getAttribute("data-count")));
    assertChartsMatchTheServer();
    assertEquals("3 jobs finished in the last hour (2 ready, 1 failed).", summary("jobs"));
    screenshotOf("#failed-panel", "admin-dashboard-failed");

    WebElement retry = row.findElement(By.cssSelector("[data-action=retry]"));
    assertEquals("Retry clip", retry.getAttribute("aria-label"));
    retry.sendKeys(Keys.ENTER); // keyboard: the button is reachable and works with Enter
    await("the server queued it again (202)", d -> browser.find("#toasts").getText().contains("clip is queued again."));
    await("the old failure left the list", d -> browser.driver.findElements(
        By.cssSelector(".failed-row[data-video-id='" + id + "'][data-updated-at='" + firstFailure + "']")).isEmpty());

    // not a video, so it fails again: a new failure, with its own time, counted again
    WebElement again = await(Duration.ofSeconds(60), "failed again",
        d -> firstFailure.equals(failedRow(id).getAttribute("data-updated-at")) ? null : failedRow(id));
    assertEquals(reason, again.findElement(By.className("job-reason")).getText());
    assertNotEquals(firstFailure, failedJob(id).getString("updatedAt"), "the server ran it again");
    await("two failures counted", d -> "2".equals(chart("failures").getAttribute("data-count")));
    assertChartsMatchTheServer();
    assertEquals("2 failures in the last hour.", summary("failures"));
  }

  @Test
  @Order(3)
  void aNonAdminIsToldThePageIsForAdministrators() throws Exception {
    assertEquals(403, user.get("/api/admin/cluster").statusCode());
    // off the dashboard first: its polls, sent between the two sign-ins, would be refused with 401
    browser.driver.get("about:blank");
    browser.driver.manage().deleteAllCookies();
    browser.signIn(base, user.browserSession());
    try {
      browser.driver.get(base + "/admin/dashboard");
      WebElement refusal = await("the refusal", ExpectedConditions.visibilityOfElementLocated(By.id("not-admin")));
      assertTrue(refusal.getText().contains("You need to be an administrator"), refusal.getText());
      assertFalse(browser.find("#dashboard").isDisplayed());
      assertTrue(browser.driver.findElements(By.cssSelector(".node-card, .job-row")).isEmpty(), "nothing of the cluster shown");
      browser.screenshot("admin-dashboard-not-admin");
    } finally {
      browser.driver.get("about:blank");
      browser.driver.manage().deleteAllCookies();
      browser.signIn(base, admin.browserSession());
    }
  }

  @Test
  @Order(4)
  void everyControlIsLabelledAndThePageFitsAPhoneInBothThemes() throws Exception {
    browser.driver.get(base + "/admin");
    WebElement link = await("the dashboard link on /admin", ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#admin-nav a[href='/admin/dashboard']")));
    link.click();
    await("the dashboard", d -> d.getCurrentUrl().equals(base + "/admin/dashboard")
        && "false".equals(browser.find("#main").getAttribute("aria-busy")));
    await("the failed row", d -> browser.find(".failed-row"));
    Object unnamed = browser.js("return [...document.querySelectorAll('button, input, select, textarea, a[href], img, "
        + "[role=meter], [role=progressbar], [role=img]')]"
        + ".filter(e => e.getClientRects().length && !e.closest('[aria-hidden=true]'))"
        + ".filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()"
        + " || e.getAttribute('title') || e.getAttribute('aria-labelledby')))"
        + ".map(e => e.outerHTML.slice(0, 80))");
    assertEquals(List.of(), unnamed, "unlabelled controls");
    assertEquals(1L, browser.js("return [...document.querySelectorAll('h1')].filter(e => e.getClientRects().length).length"));
    assertEquals(3L, browser.js("return document.querySelectorAll('figure svg[role=img][aria-labelledby]').length"));

    // counts the page's requests to the admin API, begun and not yet answered
    browser.js("const seen = window.__admin = {started: 0, pending: 0}; const fetch = window.fetch;"
        + "window.fetch = (url, init) => { if (!String(url).includes('/api/admin/')) return fetch(url, init);"
        + "seen.started++; seen.pending++; return fetch(url, init).finally(() => seen.pending--); };");
    await("the page polling the admin API", d -> browser.number("return window.__admin.started") > 0);
    WebElement pause = browser.find("#dash-pause");
    pause.sendKeys(Keys.SPACE);
    await("paused", d -> pause.getText().equals("Resume updates") && browser.find("#dash-updated").getText().startsWith("Updates paused (last "));
    await("a look already on its way when Pause was pressed to land", d -> browser.number("return window.__admin.pending") == 0);
    double askedBefore = browser.number("return window.__admin.started");
    // no event marks a look that did not happen: let more than the 3 s between looks pass
    Thread.sleep(4000);
    assertEquals(askedBefore, browser.number("return window.__admin.started"), "nothing asked of the admin API while paused");
    browser.js("performance.clearResourceTimings()");
    pause.sendKeys(Keys.SPACE);
    await("updating again", d -> pause.getText().equals("Pause updates")
        && browser.find("#dash-updated").getText().startsWith("Updated "));
    await("the charts fetched again on resuming", d -> requestsTo("/api/admin/stats?minutes=60") > 0);
    assertEquals("dash-pause", browser.js("return document.activeElement.id"), "focus stays on the button");
    assertEquals("solid", browser.js("return getComputedStyle(document.activeElement).outlineStyle"), "a visible focus ring");

    browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", 320, "height", 720, "deviceScaleFactor", 1, "mobile", true));
    try {
      browser.awaitSettled();
      double scroll = browser.number("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
      double width = browser.number("return document.documentElement.clientWidth");
      assertTrue(scroll <= width, "the dashboard is " + scroll + " px wide on a " + width + " px screen: "
          + browser.js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
          + "document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')"));
      browser.screenshot("phone-admin-dashboard");
    } finally {
      browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      browser.awaitSettled();
      browser.screenshot("admin-dashboard-dark");
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void openDashboard() {
    browser.driver.get(base + "/admin/dashboard");
    await("the dashboard", d -> "false".equals(browser.find("#main").getAttribute("aria-busy"))
        && browser.find("#dashboard").isDisplayed());
  }

  /** A screenshot with that panel at the top of the window (the dashboard is longer than one). */
  private static void screenshotOf(String css, String name) throws Exception {
    browser.js("arguments[0].scrollIntoView({block: 'start'})", browser.find(css));
    browser.screenshot(name);
    browser.js("window.scrollTo(0, 0)");
  }

  private static int progressOf(String id) {
    String value = browser.find(".node-job[data-video-id='" + id + "']").getAttribute("data-progress");
    return value == null ? -1 : Integer.parseInt(value);
  }

  private static WebElement chart(String kind) {
    return browser.find("figure[data-chart='" + kind + "']");
  }

  private static String summary(String kind) {
    return chart(kind).findElement(By.className("chart-summary")).getText();
  }

  /** How many requests the page made to URLs containing that, since the timings were last cleared. */
  private static double requestsTo(String part) {
    return browser.number("return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length",
        part);
  }

  /**
   * The charts say what GET /api/admin/stats says of the last hour: the totals in their summaries
   * and data-count, and a bar for each minute with something in it.
   */
  private static void assertChartsMatchTheServer() {
    JsonArray minutes = admin.get("/api/admin/stats?minutes=60").bodyAsJsonObject().getJsonArray("minutes");
    assertEquals(60, minutes.size());
    int ready = 0;
    int failed = 0;
    int minutesWithJobs = 0;
    int minutesWithFailures = 0;
    int minutesWithMedian = 0;
    for (int i = 0; i < minutes.size(); i++) {
      JsonObject m = minutes.getJsonObject(i);
      ready += m.getInteger("ready");
      failed += m.getInteger("failed");
      minutesWithJobs += m.getInteger("ready") + m.getInteger("failed") > 0 ? 1 : 0;
      minutesWithFailures += m.getInteger("failed") > 0 ? 1 : 0;
      Double median = m.getDouble("medianSecondsToReady");
      minutesWithMedian += median != null && median > 0 ? 1 : 0;
    }
    int finished = ready + failed;
    assertEquals(finished + (finished == 1 ? " job" : " jobs") + " finished in the last hour (" + ready + " ready, "
        + failed + " failed).", summary("jobs"));
    assertEquals(failed + (failed == 1 ? " failure" : " failures") + " in the last hour.", summary("failures"));
    String readyText = summary("ready");
    assertTrue(ready == 0 ? readyText.equals("No video became ready in the last hour.")
        : readyText.startsWith(ready + (ready == 1 ? " video" : " videos") + " became ready in the last hour"), readyText);
    assertEquals(String.valueOf(finished), chart("jobs").getAttribute("data-count"));
    assertEquals(String.valueOf(failed), chart("failures").getAttribute("data-count"));
    assertEquals(String.valueOf(ready), chart("ready").getAttribute("data-count"));
    assertEquals(minutesWithJobs, chart("jobs").findElements(By.cssSelector(".chart-bar")).size(), minutes.encode());
    assertEquals(minutesWithFailures, chart("failures").findElements(By.cssSelector(".chart-bar")).size(), minutes.encode());
    assertEquals(minutesWithMedian, chart("ready").findElements(By.cssSelector(".chart-bar")).size(), minutes.encode());
  }

  private static WebElement failedRow(String id) {
    return browser.find(".failed-row[data-video-id='" + id + "']");
  }

  private static String fact(WebElement row, String name) {
    for (WebElement pair : row.findElements(By.cssSelector(".job-facts > div"))) {
      if (pair.findElement(By.tagName("dt")).getText().equals(name)) {
        return pair.findElement(By.tagName("dd")).getText();
      }
    }
    throw new AssertionError("no " + name + " in " + row.getText());
  }

  /** The video's entry in GET /api/admin/jobs?state=failed, as the admin's API token sees it. */
  private static JsonObject failedJob(String id) {
    JsonArray items = new JsonObject(admin.get("/api/admin/jobs?state=failed&pageSize=100").bodyAsString()).getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.getJsonObject(i).getString("videoId"))) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError(id + " is not in the failed jobs: " + items.encode());
  }

  /** Like {@link Browser#await}, but an element that went stale or is not there yet means "not yet". */
  private static <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return browser.await(timeout, what, d -> {
      try {
        return condition.apply(d);
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }

  private static <T> T await(String what, Function<WebDriver, T> condition) {
    return await(Duration.ofSeconds(30), what, condition);
  }
}
