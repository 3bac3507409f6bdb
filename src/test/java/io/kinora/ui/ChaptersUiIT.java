package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chapters and time links in Chromium: marks on the seek bar where chapters begin, a chapter's
 * name over the bar where the pointer is, a list whose entries play from their chapter, a link
 * with ?t= starting there, the share box's link at the current second, and a time in a comment
 * playing from there without reloading the page.
 */
@KinoraTest(group = KinoraTest.PLAYER_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChaptersUiIT {

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;

  /** Every time the video reported after the first play, so a test sees where playback really began. */
  private static final String RECORD_TIMES = "window.playedAt = []; document.getElementById('video')"
      + ".addEventListener('timeupdate', e => { if (e.target.currentTime > 0.1) window.playedAt.push(e.target.currentTime); });";
  private static final String CURRENT_TIME = "return document.getElementById('video').currentTime";

  private static Browser browser;
  private static String videoId;

  @BeforeAll
  static void start() throws Exception {
    videoId = client.upload(Clips.mp4(work, "chapters.mp4", 320, 180, 8));
    client.awaitReady(videoId);
    JsonArray chapters = new JsonArray()
        .add(new JsonObject().put("start", 0).put("title", "Opening"))
        .add(new JsonObject().put("start", 3).put("title", "Middle part"))
        .add(new JsonObject().put("start", 6).put("title", "Finale"));
    HttpResponse<Buffer> put = KinoraClient.await(client.request(HttpMethod.PUT, "/api/videos/" + videoId + "/chapters")
        .putHeader("Content-Type", "application/json").sendBuffer(new JsonObject().put("chapters", chapters).toBuffer()));
    assertEquals(200, put.statusCode(), put.bodyAsString());
    browser = Browser.start();
    browser.signIn(node.baseUrl(), client.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void pageLoggedNoErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  void chaptersAreMarkedOnTheSeekBarNamedOnHoverAndPlayedFromTheList() throws Exception {
    open("");
    List<WebElement> marks = browser.driver.findElements(By.cssSelector(".chapter-marks .chapter-mark"));
    assertEquals(2, marks.size(), "a mark where each chapter after the first begins");
    double duration = browser.number("return window.kinoraPlayer.duration");
    assertEquals(3 / duration * 100, percentLeft(marks.get(0)), 0.01);
    assertEquals(6 / duration * 100, percentLeft(marks.get(1)), 0.01);

    WebElement seek = browser.find("#seek");
    WebElement tip = browser.find("#chapter-tip");
    assertEquals("tooltip", tip.getAttribute("role"));
    hover(seek, 0.85);
    browser.await("the last chapter's name over the bar", d -> tip.isDisplayed() && "Finale".equals(tip.getText()));
    hover(seek, 0.5);
    browser.await("the middle chapter's name", d -> tip.isDisplayed() && "Middle part".equals(tip.getText()));
    browser.screenshot("watch-chapters-hover");
    new Actions(browser.driver).moveToElement(browser.find("#video-title")).perform();
    browser.await("the name hidden once the pointer leaves the bar", d -> !tip.isDisplayed());

    List<String> entries = browser.driver.findElements(By.cssSelector("#chapter-list .chapter-item")).stream()
        .map(WebElement::getAccessibleName).toList();
    assertEquals(List.of("0:00 Opening", "0:03 Middle part", "0:06 Finale"), entries);
    browser.js(RECORD_TIMES);
    browser.find("#chapter-list .chapter-item[data-start='3']").click();
    browser.await(Duration.ofSeconds(30), "playing from the chapter", d -> browser.number(CURRENT_TIME) >= 3.2);
    browser.js("document.getElementById('video').pause()"); // still in the middle chapter for what follows
    assertTrue(firstPlayedAt() >= 2.9, "played from 3 s, not from the start: " + browser.js("return window.playedAt"));
    browser.await("the list marks the chapter playing", d -> "true".equals(
        browser.find("#chapter-list .chapter-item[data-start='3']").getAttribute("aria-current")));
    assertTrue(seek.getAttribute("aria-valuetext").endsWith(", Middle part"), seek.getAttribute("aria-valuetext"));
  }

  @Test
  void aLinkWithATimeStartsThereAndTheShareBoxGivesOneAtTheCurrentSecond() {
    open("?t=5");
    browser.js(RECORD_TIMES);
    browser.js("document.getElementById('video').play()");
    browser.await(Duration.ofSeconds(30), "playback from 5 s", d -> browser.number(CURRENT_TIME) >= 5.2);
    assertTrue(firstPlayedAt() >= 4.9, "started at 5 s: " + browser.js("return window.playedAt"));

    browser.js("document.getElementById('video').pause()");
    long second = (long) Math.floor(browser.number(CURRENT_TIME));
    String link = node.baseUrl() + "/watch/" + videoId;
    assertEquals(link, browser.find("#share-url").getAttribute("value"));
    browser.find("#share-at-time").click();
    browser.await("the link at the current second", d -> (link + "?t=" + second).equals(browser.find("#share-url").getAttribute("value")));
    assertEquals(String.format("Start at 0:%02d", second), browser.find("#share-at-time").getAccessibleName());
    browser.find("#share-at-time").click();
    assertEquals(link, browser.find("#share-url").getAttribute("value"));
  }

  @Test
  void aLinkPastTheEndStartsJustBeforeIt() {
    open("?t=1m23s");
    browser.js(RECORD_TIMES);
    browser.js("document.getElementById('video').play()");
    // before media arrives, currentTime already reads the start asked for: wait for real playback
    browser.await(Duration.ofSeconds(30), "playback near the end", d -> browser.number("return window.playedAt.length") >= 2);
    double first = firstPlayedAt();
    assertTrue(first >= 6.4 && first < 7.5, "a second before the end: " + browser.js("return window.playedAt"));
  }

  @Test
  void aTimeInACommentIsALinkThatPlaysFromThereWithoutAReload() {
    String text = "see 0:04, or <b>0:02</b>; not at 10:30 nor 1:2:3";
    HttpResponse<Buffer> posted = client.postJson("/api/videos/" + videoId + "/comments", new JsonObject().put("text", text));
    assertEquals(201, posted.statusCode(), posted.bodyAsString());
    String id = posted.bodyAsJsonObject().getString("id");
    open("");
    WebElement comment = browser.await("the comment", d -> first("#comment-" + id + " .comment-text"));
    assertEquals(text, comment.getText(), "the text as written, markup and all");
    List<WebElement> links = comment.findElements(By.cssSelector("a.timestamp"));
    assertEquals(List.of("0:04", "0:02"), links.stream().map(WebElement::getText).toList(),
        "only times within the video are links");
    assertTrue(links.get(0).getAttribute("href").endsWith("/watch/" + videoId + "?t=4"), links.get(0).getAttribute("href"));
    assertTrue(comment.findElements(By.tagName("b")).isEmpty(), "text is never HTML");

    browser.js("window.samePage = true;" + RECORD_TIMES);
    links.get(0).click();
    browser.await(Duration.ofSeconds(30), "playing from 4 s", d -> browser.number(CURRENT_TIME) >= 4.2);
    assertTrue(firstPlayedAt() >= 3.9, "played from 4 s: " + browser.js("return window.playedAt"));
    assertEquals(Boolean.TRUE, browser.js("return window.samePage === true"), "the page was not reloaded");
    assertEquals("", browser.js("return location.search"));

    links.get(1).click();
    browser.await(Duration.ofSeconds(20), "back at 2 s", d -> {
      double t = browser.number(CURRENT_TIME);
      return t >= 2 && t < 3.5;
    });
  }

  /** Opens the watch page and waits until the player and the chapter list are there. */
  private static void open(String query) {
    browser.open(node.baseUrl() + "/watch/" + videoId + query);
    browser.await("the player and the chapters", d -> Boolean.TRUE.equals(browser.js("return window.kinoraPlayer.ready"))
        && browser.find("#chapters").isDisplayed());
  }

  private static void hover(WebElement seek, double fraction) {
    int width = seek.getRect().getWidth();
    new Actions(browser.driver).moveToElement(seek, (int) Math.round((fraction - 0.5) * width), 0).perform();
  }

  private static double percentLeft(WebElement mark) {
    String left = mark.getCssValue("left");
    // computed in pixels: as a share of the bar the marks span
    double parent = browser.number("return arguments[0].parentElement.getBoundingClientRect().width", mark);
    return Double.parseDouble(left.replace("px", "")) / parent * 100;
  }

  private static double firstPlayedAt() {
    return browser.number("return window.playedAt.length ? window.playedAt[0] : -1");
  }

  private static WebElement first(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0);
  }
}
