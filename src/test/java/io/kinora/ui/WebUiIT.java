package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.video.VideoLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in a real Chromium against a whole node (embedded S3, Redis, ffmpeg): upload with
 * progress, the library, the watch page with hls.js, quality switching, keyboard, sharing,
 * editing, deleting, and a phone-sized screen. Every wait is bounded; the page must log no
 * console error in any test.
 *
 * <p>Each test stands alone: it makes what it changes through the API (or the UI, when that is
 * what it checks), and the tests that only watch share one ready video uploaded through the API.
 * The class has a node of its own (group "web-ui") so the screenshots in docs/ show only its
 * videos; counts and pages are still read from the API, never assumed. The node has two transcode
 * slots, so the shared video processing in the background never holds up a test's own upload.
 */
@Tag("long")
@KinoraTest(group = "web-ui", settings = "KINORA_TRANSCODE_SLOTS=2")
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class WebUiIT {

  private static final String TITLE = "Test pattern at 480p";
  private static final String DESCRIPTION = "Generated with ffmpeg by the browser test.";
  private static final Duration PROCESSING = KinoraClient.PROCESSING;
  private static final int PAGE_SIZE = 10;

  static KinoraClient client;
  private static Browser browser;
  private static String base;
  /** {@link #patternClip} with {@link #TITLE} and {@link #DESCRIPTION}; tests only watch it. */
  private static String pattern;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start() throws Exception {
    base = client.baseUrl();
    Path clip = patternClip("test-pattern.mp4");
    JsonObject created = client.postJson("/api/uploads", new JsonObject().put("filename", "test-pattern.mp4")
        .put("size", Files.size(clip)).put("title", TITLE).put("description", DESCRIPTION)).bodyAsJsonObject();
    pattern = created.getString("id");
    assertEquals(200, client.putToStorage(created.getString("uploadUrl"), clip));
    client.complete(pattern);
    // it processes while the browser starts; watchable() waits for it
    browser = Browser.start();
    browser.signIn(base, client.browserSession());
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
  void uploadShowsUploadProgressThenLiveProcessingProgressUntilReady() throws Exception {
    Path clip = patternClip("pattern.mp4");
    browser.driver.get(base + "/");
    browser.await("the library loaded", d -> "false".equals(browser.find("#library-list").getAttribute("aria-busy")));

    browser.find("#file-input").sendKeys(clip.toAbsolutePath().toString());
    WebElement item = browser.await("a pending upload item",
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".upload-item[data-stage=pending]")));
    assertEquals("pattern.mp4", item.findElement(By.className("file-name")).getText());
    WebElement title = item.findElement(By.cssSelector("input[type=text]"));
    assertEquals("pattern", title.getAttribute("value"), "the title starts as the file name");
    assertEquals(Integer.toString(VideoLimits.MAX_TITLE), title.getAttribute("maxlength"));
    assertEquals(Integer.toString(VideoLimits.MAX_DESCRIPTION), item.findElement(By.tagName("textarea")).getAttribute("maxlength"));
    title.clear();
    title.sendKeys(TITLE);
    item.findElement(By.tagName("textarea")).sendKeys(DESCRIPTION);

    // slow the upload down (about 2 MB/s) so its progress is visible, as on a real network
    browser.driver.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(2_000_000)
        .setDownloadThroughput(50_000_000).setLatency(Duration.ofMillis(5)));
    try {
      browser.find("#upload-start").click();
      browser.await("the upload started", d -> List.of("uploading", "confirming", "queued", "processing", "ready", "failed")
          .contains(item.getAttribute("data-stage")));
      if ("uploading".equals(item.getAttribute("data-stage"))) {
        browser.await("upload progress with speed", d -> item.findElement(By.className("upload-detail")).getText().contains("/s"));
        browser.screenshot("upload-progress");
      }
      browser.await(Duration.ofSeconds(60), "the upload finished", d -> item.getAttribute("data-video-id") != null
          && !Set.of("starting", "uploading", "confirming").contains(item.getAttribute("data-stage")));
    } finally {
      browser.driver.deleteNetworkConditions();
    }
    browser.await(PROCESSING, "processing progress", d -> Set.of("ready", "failed").contains(item.getAttribute("data-stage"))
        || item.getAttribute("data-processing-percent") != null && Integer.parseInt(item.getAttribute("data-processing-percent")) >= 10);
    if ("processing".equals(item.getAttribute("data-stage"))) {
      browser.screenshot("upload-processing");
    }
    browser.await(PROCESSING, "the video is ready", d -> Set.of("ready", "failed").contains(item.getAttribute("data-stage")));

    String error = item.findElement(By.className("upload-error")).getText();
    assertEquals("ready", item.getAttribute("data-stage"), error);
    Set<String> seen = Set.of(item.getAttribute("data-seen").split(" "));
    assertTrue(seen.containsAll(Set.of("uploading", "confirming", "queued", "processing", "ready")), seen.toString());
    assertTrue(Integer.parseInt(item.getAttribute("data-upload-events")) >= 2,
        "upload progress events: " + item.getAttribute("data-upload-events"));
    assertEquals("100", item.getAttribute("data-upload-percent"));
    int processing = Integer.parseInt(item.getAttribute("data-processing-percent"));
    assertTrue(processing > 0 && processing < 100, "processing progress seen over SSE: " + processing);
    assertEquals("100", item.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow"));
    assertEquals("Ready to watch.", item.findElement(By.className("upload-status")).getText());

    String id = item.getAttribute("data-video-id");
    WebElement watch = item.findElement(By.linkText("Watch"));
    assertTrue(watch.getAttribute("href").endsWith("/watch/" + id));
    JsonObject video = client.video(id);
    assertEquals(TITLE, video.getString("title"));
    assertEquals(DESCRIPTION, video.getString("description"));
  }

  @Test
  void severalFilesAtOnceAndAFileThatFailsProcessingSaysWhy() throws Exception {
    Path small = Clips.mp4(clips, "small.mp4", 640, 360, 3);
    Path text = Files.writeString(clips.resolve("notes.txt"), "This is a shopping list, not a video.\n".repeat(50));
    browser.driver.get(base + "/");
    browser.find("#file-input").sendKeys(small.toAbsolutePath() + "\n" + text.toAbsolutePath());
    browser.await("two pending items", d -> d.findElements(By.cssSelector(".upload-item[data-stage=pending]")).size() == 2);
    assertEquals("Upload 2 videos", browser.find("#upload-start").getText());
    browser.find("#upload-start").click();

    browser.await(PROCESSING, "both finished", d -> d.findElements(By.cssSelector(".upload-item")).stream()
        .allMatch(i -> Set.of("ready", "failed").contains(i.getAttribute("data-stage"))));
    Map<String, WebElement> byName = browser.driver.findElements(By.cssSelector(".upload-item")).stream()
        .collect(Collectors.toMap(i -> i.findElement(By.className("file-name")).getText(), i -> i));
    assertEquals("ready", byName.get("small.mp4").getAttribute("data-stage"));
    WebElement failed = byName.get("notes.txt");
    assertEquals("failed", failed.getAttribute("data-stage"));
    String error = failed.findElement(By.className("upload-error")).getText();
    assertTrue(error.contains("looks like a text file, not a video") && error.contains("Upload a video file"), error);
    assertEquals("alert", failed.findElement(By.className("upload-error")).getAttribute("role"));
  }

  @Test
  void watchPageOfAVideoNotReadyYetShowsItsProgressThenPlaysIt() throws Exception {
    Path clip = Clips.mp4(clips, "later.mp4", 640, 360, 8);
    JsonObject created = client.createUpload("later.mp4", Files.size(clip));
    String id = created.getString("id");
    assertEquals(200, client.putToStorage(created.getString("uploadUrl"), clip));
    browser.driver.get(base + "/watch/" + id);
    browser.await("waiting for the upload", d -> browser.find("#player-message").getText().contains("Waiting for the file"));
    browser.js("window.seenMessages = []; new MutationObserver(() => window.seenMessages.push("
        + "document.getElementById('player-message').textContent)).observe(document.getElementById('player-message'), "
        + "{childList: true, subtree: true, characterData: true})");

    assertEquals(202, client.post("/api/videos/" + id + "/complete").statusCode());
    browser.await(PROCESSING, "the player once ready", d -> d.findElements(By.cssSelector("#quality option")).size() == 3);
    assertFalse(browser.find("#player-message").isDisplayed());
    @SuppressWarnings("unchecked")
    List<String> seen = (List<String>) browser.js("return window.seenMessages");
    assertTrue(seen.stream().anyMatch(m -> m.startsWith("Queued") || m.startsWith("Processing")), seen.toString());
    new Actions(browser.driver).sendKeys("k").perform();
    awaitPlaying();
    assertEquals(360.0, browser.number("return document.getElementById('video').videoHeight"));
  }

  @Test
  void aLongFileNameGivesATitleCutToTheTitleLimit() throws Exception {
    String name = "n".repeat(VideoLimits.MAX_TITLE + 20);
    Path file = Files.copy(Clips.shortClip(), clips.resolve(name + ".mp4"));
    browser.driver.get(base + "/");

    browser.find("#file-input").sendKeys(file.toAbsolutePath().toString());
    WebElement item = browser.await("a pending upload item",
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".upload-item[data-stage=pending]")));

    assertEquals(name.substring(0, VideoLimits.MAX_TITLE), item.findElement(By.cssSelector("input[type=text]")).getAttribute("value"));
    item.findElement(By.cssSelector("button[aria-label^='Remove']")).click();
    browser.await("removed from the list", d -> d.findElements(By.cssSelector(".upload-item")).isEmpty());
  }

  @Test
  void libraryListsVideosNewestFirstWithPosterDurationAndStatus() throws Exception {
    String ready = watchable();
    String failed = client.upload(Files.writeString(clips.resolve("list.txt"), "Milk, eggs, bread.\n".repeat(50)));
    assertEquals("failed", client.awaitDone(failed).getString("status"));

    WebElement row = openLibraryAt(ready);
    List<String> shown = browser.driver.findElements(By.cssSelector(".video-row")).stream()
        .map(r -> r.getAttribute("data-id")).toList();
    assertEquals(apiPage(pageOf(ready)), shown, "the API's order, newest first");

    assertEquals(TITLE, row.findElement(By.cssSelector(".video-title a")).getText());
    assertEquals("Ready", row.findElement(By.className("badge")).getText());
    assertEquals("0:20", row.findElement(By.className("duration")).getText());
    WebElement poster = row.findElement(By.cssSelector(".thumb img"));
    assertTrue(poster.getAttribute("src").endsWith("/api/videos/" + ready + "/poster.jpg"));
    browser.await("the poster loaded", d -> browser.number("return arguments[0].complete ? arguments[0].naturalWidth : 0", poster) > 0);
    assertTrue(row.findElement(By.className("video-meta")).getText().contains("854×480"));
    assertEquals(videos(client.total()), browser.find("#library-count").getText());
    assertControlsAreLabelled();

    browser.driver.get(base + "/");
    WebElement newest = browser.await("the newest video first", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".video-row")));
    assertEquals(failed, newest.getAttribute("data-id"));
    assertEquals("failed", newest.getAttribute("data-status"));
    assertEquals("Failed", newest.findElement(By.className("badge")).getText());
    assertTrue(newest.findElement(By.className("video-error")).getText().contains("looks like a text file, not a video"));
    new Actions(browser.driver).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB).perform();
    assertEquals("choose-files", browser.js("return document.activeElement.id"),
        "skip link, logo, search box and its button, account menu, then the file picker");
    assertEquals("solid", browser.js("return getComputedStyle(document.activeElement).outlineStyle"), "a visible focus ring");
    browser.js("document.getElementById('library-heading').scrollIntoView()");
    browser.screenshot("library");
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    browser.awaitSettled();
    browser.screenshot("library-dark");
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
  }

  @Test
  void libraryPagesTenAtATime() {
    // at least nine new records, and enough for a second page whatever the library held before
    List<String> extra = new ArrayList<>();
    for (long i = 0, n = Math.max(9, PAGE_SIZE + 1 - client.total()); i < n; i++) {
      extra.add(client.createVideo("later-" + i + ".mp4"));
    }
    try {
      long total = client.total();
      long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
      browser.driver.get(base + "/");
      browser.await("the pager", ExpectedConditions.visibilityOfElementLocated(By.id("pager")));
      assertEquals(PAGE_SIZE, browser.driver.findElements(By.cssSelector(".video-row")).size());
      assertEquals("1–10 of " + total, browser.find("#page-info").getText());
      assertNull(browser.find("#page-next").getAttribute("disabled"));
      WebElement waiting = browser.find(".video-row[data-id='" + extra.get(extra.size() - 1) + "']");
      assertEquals("Waiting for upload", waiting.findElement(By.className("badge")).getText());
      assertEquals(0, waiting.findElements(By.cssSelector(".thumb img")).size(), "no poster before processing");

      browser.find("#page-next").click();
      String second = "11–" + Math.min(2L * PAGE_SIZE, total) + " of " + total;
      browser.await("page 2", d -> browser.find("#page-info").getText().equals(second));
      assertEquals(Math.min(PAGE_SIZE, total - PAGE_SIZE), browser.driver.findElements(By.cssSelector(".video-row")).size());
      assertTrue(browser.driver.getCurrentUrl().endsWith("/?page=2"));
      assertEquals(pages == 2, browser.find("#page-next").getAttribute("disabled") != null);
      browser.find("#page-prev").click();
      browser.await("page 1 again", d -> browser.find("#page-info").getText().equals("1–10 of " + total));

      String oldest = client.get("/api/videos?pageSize=1&page=" + total).bodyAsJsonObject()
          .getJsonArray("items").getJsonObject(0).getString("id");
      browser.driver.get(base + "/?page=" + pages);
      browser.await("the oldest video on the last page",
          ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".video-row[data-id='" + oldest + "']")));
      assertNotNull(browser.find("#page-next").getAttribute("disabled"));
    } finally {
      extra.forEach(id -> client.delete("/api/videos/" + id));
    }
  }

  @Test
  void watchPageShowsThePosterThenPlaysWithHlsJs() throws Exception {
    String id = watchable();
    openWatchPage(id);
    assertEquals("hlsjs", browser.find("#player").getAttribute("data-mode"));
    assertEquals(TITLE + " · Kinora", browser.driver.getTitle());
    assertEquals(TITLE, browser.find("#video-title").getText());
    assertEquals(DESCRIPTION, browser.find("#video-description").getText());
    assertTrue(browser.find("#video").getAttribute("poster").endsWith("/api/videos/" + id + "/poster.jpg"));
    assertEquals(Boolean.TRUE, browser.js("return document.getElementById('video').paused"));
    assertTrue(browser.find("#big-play").isDisplayed(), "a play button over the poster");
    assertEquals(List.of("Auto", "480p", "360p", "240p"), browser.driver.findElements(By.cssSelector("#quality option"))
        .stream().map(WebElement::getText).toList());
    assertControlsAreLabelled();
    browser.screenshot("watch-poster");

    new Actions(browser.driver).sendKeys("k").perform();
    awaitPlaying();
    assertFalse(browser.find("#big-play").isDisplayed());
    // hls.js names the rendition when its first level switch lands, which may follow the first frames
    browser.await("the rendition playing named",
        d -> browser.find("#now-playing").getText().matches("\\d+p"));
    browser.awaitSettled();
    browser.screenshot("watch");
  }

  @Test
  void switchingQualityChangesTheRenditionPlaying() throws Exception {
    openWatchPage(watchable());
    new Actions(browser.driver).sendKeys("k").perform();
    awaitPlaying();

    Select quality = new Select(browser.find("#quality"));
    for (int height : new int[] {240, 480, 360}) {
      rewindIfNearTheEnd();
      String index = browser.find("#quality option[data-height='" + height + "']").getAttribute("value");
      quality.selectByValue(index);
      browser.await(Duration.ofSeconds(60), height + "p playing", d ->
          browser.number("return document.getElementById('video').videoHeight") == height
              && browser.number("return window.kinoraPlayer.hls.currentLevel") == Integer.parseInt(index)
              && (height + "p").equals(browser.find("#now-playing").getText()));
      awaitPlaying();
    }
    quality.selectByValue("-1");
    browser.await("auto quality", d -> quality.getFirstSelectedOption().getText().startsWith("Auto"));
    assertEquals(-1.0, browser.number("return window.kinoraPlayer.hls.autoLevelEnabled ? -1 : 0"));
    awaitPlaying();
  }

  @Test
  void keyboardControlsPlayPauseSeekMuteAndFullScreen() throws Exception {
    openWatchPage(watchable());
    Actions keys = new Actions(browser.driver);
    keys.sendKeys("k").perform();
    awaitPlaying();
    browser.js("document.activeElement.blur()");
    rewindIfNearTheEnd();

    keys.sendKeys("m").perform();
    browser.await("muted", d -> Boolean.TRUE.equals(browser.js("return document.getElementById('video').muted")));
    assertEquals("Unmute (m)", browser.find("#mute").getAttribute("aria-label"));
    keys.sendKeys("m").perform();
    browser.await("unmuted", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('video').muted")));

    keys.sendKeys("k").perform();
    browser.await("paused by k", d -> Boolean.TRUE.equals(browser.js("return document.getElementById('video').paused")));
    assertEquals("Play (k)", browser.find("#play").getAttribute("aria-label"));
    double before = currentTime();
    keys.sendKeys(Keys.ARROW_RIGHT).perform();
    browser.await("5 s forward", d -> Math.abs(currentTime() - (before + 5)) < 0.5);
    keys.sendKeys(Keys.ARROW_LEFT).perform();
    browser.await("5 s back", d -> Math.abs(currentTime() - before) < 0.5);
    keys.sendKeys(Keys.SPACE).perform();
    awaitPlaying();

    keys.sendKeys("f").perform();
    browser.await("full screen", d -> "player".equals(browser.js("return document.fullscreenElement && document.fullscreenElement.id")));
    assertEquals("Exit full screen (f)", browser.find("#fullscreen").getAttribute("aria-label"));
    keys.sendKeys("f").perform();
    browser.await("full screen left", d -> browser.js("return document.fullscreenElement") == null);
    assertEquals(List.of(), browser.js("return window.kinoraPlayer.fatalErrors"));
  }

  @Test
  void copyLinkPutsTheShareableUrlOnTheClipboard() throws Exception {
    String id = watchable();
    openWatchPage(id);
    browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of(
        "origin", base, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    String url = base + "/watch/" + id;
    assertEquals(url, browser.find("#share-url").getAttribute("value"));
    browser.find("#copy-link").click();
    browser.await("copied", d -> "true".equals(browser.find("#copy-link").getAttribute("data-copied")));
    assertEquals("Copied", browser.find("#copy-link").getText());
    assertTrue(browser.find("#copy-status").getText().startsWith("Link copied"));
    Object clipboard = browser.driver.executeAsyncScript(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))");
    assertEquals(url, clipboard);
  }

  @Test
  void chromiumsOwnHlsPlaysItTooWhenAskedFor() throws Exception {
    browser.driver.get(base + "/watch/" + watchable() + "?player=native");
    browser.await("the native player", d -> "native".equals(browser.find("#player").getAttribute("data-mode")));
    assertNull(browser.js("return window.kinoraPlayer.hls"));
    assertEquals(Boolean.TRUE, browser.js("return document.getElementById('quality').disabled"));
    new Actions(browser.driver).sendKeys("k").perform();
    awaitPlaying();
    browser.await("the playing rendition is named", d -> browser.find("#now-playing").getText().matches("\\d+p"));
  }

  @Test
  void editChangesTitleAndDescription() {
    String id = createVideo("Before the edit");
    WebElement row = openLibraryAt(id);
    row.findElement(By.cssSelector("[data-action=edit]")).click();
    WebElement dialog = browser.await("the edit dialog", ExpectedConditions.visibilityOfElementLocated(By.id("edit-dialog")));
    WebElement title = dialog.findElement(By.id("edit-title"));
    WebElement description = dialog.findElement(By.id("edit-description"));
    assertEquals("Before the edit", title.getAttribute("value"));
    browser.await("the limits from the server", d -> Integer.toString(VideoLimits.MAX_TITLE).equals(title.getDomProperty("maxLength"))
        && Integer.toString(VideoLimits.MAX_DESCRIPTION).equals(description.getDomProperty("maxLength")));
    title.clear();
    browser.find("#edit-save").click();
    browser.await("an empty title is refused", d -> browser.find("#edit-error").isDisplayed());
    assertEquals("Give the video a title.", browser.find("#edit-error").getText());

    title.sendKeys("Renamed in the browser");
    description.clear();
    description.sendKeys("A new description.");
    browser.find("#edit-save").click();
    browser.await("the dialog closed", ExpectedConditions.invisibilityOfElementLocated(By.id("edit-dialog")));
    browser.await("the new title in the library", d -> browser.find(".video-row[data-id='" + id + "'] .video-title")
        .getText().equals("Renamed in the browser"));
    JsonObject video = client.video(id);
    assertEquals("Renamed in the browser", video.getString("title"));
    assertEquals("A new description.", video.getString("description"));
  }

  @Test
  void phoneSizedScreensHaveNoHorizontalScrolling() throws Exception {
    String id = watchable();
    browser.emulatePhone(true);
    try {
      browser.driver.get(base + "/");
      browser.await("the library", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".video-row")));
      assertEquals(390.0, browser.number("return window.innerWidth"));
      assertNoHorizontalScrolling();
      browser.screenshot("phone-library");

      openWatchPage(id);
      assertNoHorizontalScrolling();
      new Actions(browser.driver).sendKeys("k").perform();
      awaitPlaying();
      for (WebElement control : browser.driver.findElements(By.cssSelector("#controls button, #controls select, #seek"))) {
        var rect = control.getRect();
        assertTrue(rect.getX() >= 0 && rect.getX() + rect.getWidth() <= 390, control.getAttribute("id") + " is off screen: " + rect);
      }
      new Actions(browser.driver).sendKeys("k").perform();
      browser.await("paused", d -> Boolean.TRUE.equals(browser.js("return document.getElementById('video').paused")));
      browser.screenshot("phone-watch");
    } finally {
      browser.emulatePhone(false);
    }
  }

  @Test
  void deleteAsksForConfirmationThenRemovesTheVideo() throws Exception {
    String id = createVideo("Holiday in the rain");
    String row = ".video-row[data-id='" + id + "']";
    long before = client.total();
    openLibraryAt(id);
    browser.find(row + " [data-action=delete]").click();
    browser.await("the confirmation", ExpectedConditions.visibilityOfElementLocated(By.id("delete-dialog")));
    assertTrue(browser.find("#delete-text").getText().contains("Holiday in the rain"));
    assertTrue(browser.find("#delete-text").getText().contains("cannot be undone"));
    browser.screenshot("delete-confirmation");
    browser.find("#delete-dialog [data-close]").click();
    browser.await("cancelled", ExpectedConditions.invisibilityOfElementLocated(By.id("delete-dialog")));
    assertEquals(200, client.get("/api/videos/" + id).statusCode(), "cancel keeps the video");

    browser.find(row + " [data-action=delete]").click();
    browser.await("the confirmation again", ExpectedConditions.visibilityOfElementLocated(By.id("delete-dialog")));
    browser.find("#delete-confirm").click();
    browser.await("the row is gone", d -> d.findElements(By.cssSelector(row)).isEmpty());
    assertEquals(404, client.get("/api/videos/" + id).statusCode());
    assertEquals(videos(before - 1), browser.find("#library-count").getText());
    browser.await("a toast", d -> browser.find("#toasts").getText().contains("Deleted"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * The 20 s 854x480 test pattern with a tone, under the given file name: long enough to seek
   * and switch quality while it plays; 15 fps so each upload of it processes in half the time.
   */
  private static Path patternClip(String name) throws IOException {
    return Clips.mp4(clips, name, 854, 480, 20, 15);
  }

  /** The class's ready video: uploaded in {@code @BeforeAll}, waited for here. */
  private static String watchable() throws InterruptedException {
    client.awaitReady(pattern);
    return pattern;
  }

  /** A record awaiting its upload, with a title: enough for the library's edit and delete. */
  private static String createVideo(String title) {
    return client.postJson("/api/uploads", new JsonObject().put("filename", "clip.mp4").put("size", 1000)
        .put("title", title)).bodyAsJsonObject().getString("id");
  }

  private static String videos(long count) {
    return count == 1 ? "1 video" : count + " videos";
  }

  /** The IDs on one page of the library as the API lists them, newest first. */
  private static List<String> apiPage(int page) {
    JsonArray items = client.get("/api/videos?pageSize=" + PAGE_SIZE + "&page=" + page).bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  /** Which library page lists the video (ten a page, newest first). */
  private static int pageOf(String id) {
    JsonArray items = client.get("/api/videos?pageSize=100").bodyAsJsonObject().getJsonArray("items");
    List<String> ids = items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
    assertTrue(ids.contains(id), id + " is not among the newest 100 videos");
    return ids.indexOf(id) / PAGE_SIZE + 1;
  }

  /** Opens the library page that lists the video and returns its row. */
  private static WebElement openLibraryAt(String id) {
    int page = pageOf(id);
    browser.driver.get(base + (page == 1 ? "/" : "/?page=" + page));
    return browser.await("the video in the library",
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".video-row[data-id='" + id + "']")));
  }

  /** Opens the watch page and waits until hls.js has read the master playlist (Auto + three renditions). */
  private static void openWatchPage(String id) {
    browser.driver.get(base + "/watch/" + id);
    browser.await("hls.js parsed the master playlist",
        d -> browser.driver.findElements(By.cssSelector("#quality option")).size() == 4);
  }

  private static double currentTime() {
    return browser.number("return document.getElementById('video').currentTime");
  }

  /** Playing for real: time advances, no media error, no fatal hls.js error. */
  private static void awaitPlaying() {
    browser.await(Duration.ofSeconds(30), "playback", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('video').paused"))
        && currentTime() > 0.3);
    double first = currentTime();
    browser.await(Duration.ofSeconds(15), "time advancing from " + first, d -> currentTime() > first + 0.5);
    assertNull(browser.js("return document.getElementById('video').error && document.getElementById('video').error.message"));
    assertEquals(List.of(), browser.js("return window.kinoraPlayer.fatalErrors"));
  }

  private static void rewindIfNearTheEnd() {
    browser.js("const v = document.getElementById('video'); if (v.duration - v.currentTime < 8) { v.currentTime = 0; }");
  }

  /** Every visible control has an accessible name; every image has an alt text; the page has a language. */
  private static void assertControlsAreLabelled() {
    Object unnamed = browser.js("return [...document.querySelectorAll('button, input, select, textarea, a[href], img')]"
        + ".filter(e => e.getClientRects().length && e.getAttribute('aria-hidden') !== 'true' && !e.closest('[aria-hidden=true]'))"
        + ".filter(e => e.tagName === 'IMG' ? !e.hasAttribute('alt') : !(e.getAttribute('aria-label') || (e.labels && e.labels.length)"
        + " || e.textContent.trim() || e.getAttribute('title')))"
        + ".map(e => e.outerHTML.slice(0, 80))");
    assertEquals(List.of(), unnamed);
    assertEquals("en", browser.js("return document.documentElement.lang"));
  }

  private static void assertNoHorizontalScrolling() {
    double scroll = browser.number("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
    double width = browser.number("return document.documentElement.clientWidth");
    assertTrue(scroll <= width, "page is " + scroll + " px wide in a " + width + " px screen: "
        + browser.js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
        + "document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')"));
  }
}
