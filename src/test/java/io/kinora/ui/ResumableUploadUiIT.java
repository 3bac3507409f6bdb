package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload panel's multipart uploads in a real Chromium against a whole node whose parts are
 * 5 MiB: a reload in the middle of an upload, then the same file chosen again, resumes from the
 * parts storage holds (or starts over); pause stops sending and resume sends only what storage
 * lacks; a part that fails is sent again with a fresh URL; cancel deletes the upload. The file is
 * about 29 MiB of MJPEG noise (six parts), and the browser's uploads are slowed to 2 MB/s
 * (DevTools network throttling, which Chromium applies to XHR request bodies: two parts take
 * about 8 s) so each step lands while parts are still on their way.
 */
@Tag("long")
@KinoraTest(group = "resumable-upload", settings = "KINORA_UPLOAD_PART_MB=5")
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class ResumableUploadUiIT {

  private static final long PART_SIZE = 5L * 1024 * 1024;
  private static final int UPLOAD_BYTES_PER_SECOND = 2_000_000;
  private static final String RECORDS = "return Object.keys(localStorage).filter(k => k.startsWith('kinora.upload:')).length";

  static KinoraClient client;
  private static Browser browser;
  private static String base;
  private static Path noise;

  @TempDir
  static Path files;

  @BeforeAll
  static void start() throws Exception {
    base = client.baseUrl();
    noise = noiseClip();
    browser = Browser.start();
    browser.signIn(base, client.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void slowUploads() {
    browser.driver.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(UPLOAD_BYTES_PER_SECOND)
        .setDownloadThroughput(50_000_000).setLatency(Duration.ofMillis(5)));
  }

  @AfterEach
  void fullSpeedAndNoConsoleErrors() {
    browser.driver.deleteNetworkConditions();
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  void aReloadMidUploadThenTheSameFileResumesFromThePartsStorageHolds() throws Exception {
    Path file = copy("holiday-reload.avi");
    long size = Files.size(file);
    long parts = (size + PART_SIZE - 1) / PART_SIZE;
    openUploadPage();
    WebElement item = pick(file);
    browser.find("#upload-start").click();
    browser.await(Duration.ofSeconds(60), "two parts stored", d -> partsDone(item) >= 2);
    String id = item.getAttribute("data-video-id");
    assertTrue(partsDone(item) < parts, "the reload must come while parts are still on their way: " + partsDone(item));
    assertEquals(1L, browser.js(RECORDS), "the upload is remembered for after a reload");

    reloadLeavingTheUpload();
    WebElement resumed = pick(file);
    browser.await("the offer to resume", d -> "resumable".equals(resumed.getAttribute("data-stage")));
    long stored = storedBytes(id);
    assertTrue(stored >= 2 * PART_SIZE && stored < size, "stored before the reload: " + stored);
    assertEquals("An unfinished upload of this file was found: " + stored * 100 / size + "% stored.",
        resumed.findElement(By.className("upload-offer-text")).getText());
    browser.screenshot("upload-resume-offer");
    resumed.findElement(By.cssSelector("button[aria-label^='Resume the unfinished upload of holiday-reload.avi']")).click();

    awaitReady(resumed);
    assertEquals(id, resumed.getAttribute("data-video-id"), "the same upload, resumed");
    assertEquals(size - stored, bytesSent(resumed), "only the parts storage lacked were sent after the reload");
    assertTrue(bytesSent(resumed) < size);
    assertEquals(Long.toString(parts), resumed.getAttribute("data-parts-done"));
    JsonObject video = client.video(id);
    assertEquals(1280, video.getInteger("width"), "the whole file, assembled from both pages' parts: " + video.encode());
    assertEquals(3.0, video.getDouble("durationSeconds"), 0.2);
    assertEquals(0L, browser.js(RECORDS), "a completed upload is forgotten");
  }

  @Test
  void pauseStopsSendingAndResumeSendsOnlyWhatStorageLacks() throws Exception {
    Path file = copy("holiday-pause.avi");
    long size = Files.size(file);
    openUploadPage();
    WebElement item = pick(file);
    browser.find("#upload-start").click();
    browser.await(Duration.ofSeconds(60), "a part stored", d -> partsDone(item) >= 1);
    long progressBefore = uploadEvents(item);
    browser.await("bytes on their way right before the pause", d -> uploadEvents(item) > progressBefore);
    item.findElement(By.cssSelector("button[aria-label='Pause the upload of holiday-pause.avi']")).click();
    browser.await("paused", d -> "paused".equals(item.getAttribute("data-stage")));
    WebElement resume = item.findElement(By.cssSelector("button[aria-label='Resume the upload of holiday-pause.avi']"));
    assertTrue(resume.isDisplayed());
    assertEquals(resume, browser.driver.switchTo().activeElement(), "focus moves to Resume");
    browser.screenshot("upload-paused");

    long sentBeforePause = bytesSent(item);
    long progressAtPause = uploadEvents(item);
    // no event marks a part that was not sent: let time pass in which the upload, unpaused, reported
    // progress many times (it did so just before the pause)
    Thread.sleep(1500);
    assertEquals(sentBeforePause, bytesSent(item), "nothing is sent while paused");
    assertEquals(progressAtPause, uploadEvents(item), "no progress reported while paused");
    long stored = storedBytes(item.getAttribute("data-video-id"));
    assertTrue(stored > 0 && stored < size, "stored when paused: " + stored);

    resume.click();
    awaitReady(item);
    assertEquals(size - stored, bytesSent(item) - sentBeforePause, "after resuming, only what storage lacked");
    assertTrue(item.getAttribute("data-seen").contains("paused"));
  }

  @Test
  void startOverDeletesTheUnfinishedUploadAndUploadsTheFileAnew() throws Exception {
    Path file = copy("holiday-again.avi");
    openUploadPage();
    WebElement item = pick(file);
    browser.find("#upload-start").click();
    browser.await(Duration.ofSeconds(60), "a part stored", d -> partsDone(item) >= 1);
    String old = item.getAttribute("data-video-id");

    reloadLeavingTheUpload();
    WebElement again = pick(file);
    browser.await("the offer to resume", d -> "resumable".equals(again.getAttribute("data-stage")));
    again.findElement(By.cssSelector("button[aria-label='Start over: upload holiday-again.avi from the beginning']")).click();
    browser.await("the old upload deleted", d -> client.get("/api/videos/" + old).statusCode() == 404);
    assertEquals("pending", again.getAttribute("data-stage"), "a new upload, with its fields to fill in");
    assertEquals(0L, browser.js(RECORDS), "the deleted upload is forgotten");

    browser.find("#upload-start").click();
    awaitReady(again);
    assertNotEquals(old, again.getAttribute("data-video-id"), "a new video");
    assertEquals(Files.size(file), bytesSent(again), "the whole file sent again");
  }

  @Test
  void aPartStorageDoesNotTakeIsSentAgainWithAFreshUrlUntilItGetsThrough() throws Exception {
    Path file = copy("holiday-flaky.avi");
    long size = Files.size(file);
    openUploadPage();
    WebElement item = pick(file);
    // part 2's PUTs fail as a network error, which is how a browser sees any refusal by storage
    browser.driver.executeCdpCommand("Network.enable", Map.of());
    browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*partNumber=2&*")));
    try {
      browser.find("#upload-start").click();
      browser.await("trouble shown", d -> item.findElement(By.className("upload-status")).getText().contains("connection trouble"));
      // one batch of URLs at the start, then one fresh URL for each failed try of part 2
      browser.await(Duration.ofSeconds(30), "two fresh URLs asked for", d -> partUrlRequests() >= 3);
      assertEquals("uploading", item.getAttribute("data-stage"));
    } finally {
      browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
    }

    awaitReady(item);
    assertEquals(Long.toString((size + PART_SIZE - 1) / PART_SIZE), item.getAttribute("data-parts-done"));
    assertTrue(bytesSent(item) >= size, "every byte sent at least once: " + bytesSent(item));
    List<String> errors = browser.consoleErrors();
    assertTrue(errors.stream().allMatch(e -> e.contains("partNumber=2&") && e.contains("ERR_BLOCKED_BY_CLIENT")), errors.toString());
  }

  @Test
  void cancellingAnUploadDeletesItAndForgetsIt() throws Exception {
    Path file = copy("holiday-cancel.avi");
    openUploadPage();
    WebElement item = pick(file);
    browser.find("#upload-start").click();
    browser.await(Duration.ofSeconds(60), "uploading", d -> item.getAttribute("data-video-id") != null
        && "uploading".equals(item.getAttribute("data-stage")));
    String id = item.getAttribute("data-video-id");
    item.findElement(By.cssSelector("button[aria-label='Cancel the upload of holiday-cancel.avi']")).click();

    browser.await("removed from the list", d -> d.findElements(By.cssSelector(".upload-item")).isEmpty());
    browser.await("the upload deleted", d -> client.get("/api/videos/" + id).statusCode() == 404);
    assertEquals(0L, browser.js(RECORDS), "nothing left to offer resuming");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** About 29 MiB: 3 s of 1280x720 noise at 15 fps as MJPEG (noise does not compress), with a tone. */
  private static Path noiseClip() throws IOException {
    return Clips.ffmpeg(files.resolve("noise.avi"), "-f", "lavfi", "-i",
        "nullsrc=s=1280x720:r=15:d=3,geq=lum='random(1)*255':cb=128:cr=128",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
        "-c:v", "mjpeg", "-q:v", "2", "-pix_fmt", "yuvj420p", "-c:a", "pcm_s16le", "-shortest");
  }

  /** The noise clip under a name of the test's own, so no test finds another's unfinished upload. */
  private static Path copy(String name) throws IOException {
    return Files.copy(noise, files.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void openUploadPage() {
    browser.open(base + "/");
    browser.await("the library loaded", d -> "false".equals(browser.find("#library-list").getAttribute("aria-busy")));
  }

  /** Chooses the file and returns its item once the page has looked for an unfinished upload of it. */
  private static WebElement pick(Path file) {
    int before = browser.driver.findElements(By.cssSelector(".upload-item")).size();
    browser.find("#file-input").sendKeys(file.toAbsolutePath().toString());
    browser.await("the file's item", d -> d.findElements(By.cssSelector(".upload-item")).size() > before);
    List<WebElement> items = browser.driver.findElements(By.cssSelector(".upload-item"));
    WebElement item = items.get(items.size() - 1);
    browser.await("the item checked", d -> Set.of("pending", "resumable").contains(item.getAttribute("data-stage")));
    return item;
  }

  /**
   * Reloads while the upload runs. The page asks before leaving an upload in progress; the
   * person says leave, as someone closing a laptop lid would have.
   */
  private static void reloadLeavingTheUpload() {
    try {
      browser.driver.navigate().refresh();
    } catch (UnhandledAlertException expected) {
      // the question about leaving: answered below
    }
    try {
      browser.await(Duration.ofSeconds(3), "the question about leaving", ExpectedConditions.alertIsPresent()).accept();
    } catch (TimeoutException | NoAlertPresentException notAsked) {
      // Chromium asks only after a user gesture; a reload without the question is as good
    }
    openUploadPage();
  }

  private static void awaitReady(WebElement item) {
    browser.await(KinoraClient.PROCESSING, "ready or failed", d -> Set.of("ready", "failed", "error")
        .contains(item.getAttribute("data-stage")));
    assertEquals("ready", item.getAttribute("data-stage"), item.findElement(By.className("upload-error")).getText());
    Set<String> seen = Set.of(item.getAttribute("data-seen").split(" "));
    // assembling: after complete, while storage joins the parts into one file
    assertTrue(seen.containsAll(Set.of("uploading", "confirming", "assembling", "queued", "ready")), seen.toString());
  }

  /** Bytes storage holds for the upload, whole parts only, as the server lists them. */
  private static long storedBytes(String id) {
    JsonObject listed = client.get("/api/uploads/" + id + "/parts").bodyAsJsonObject();
    long partSize = listed.getLong("partSize");
    long size = listed.getLong("size");
    return listed.getJsonArray("parts").stream().map(JsonObject.class::cast)
        .filter(p -> p.getLong("size") == Math.min(partSize, size - (p.getLong("partNumber") - 1) * partSize))
        .mapToLong(p -> p.getLong("size")).sum();
  }

  /** Requests to {@code /api/uploads/{id}/parts} this page made (each POST asks for part URLs). */
  private static long partUrlRequests() {
    return (Long) browser.js("return performance.getEntriesByType('resource').filter(e => /\\/api\\/uploads\\/[^/]+\\/parts$/.test(e.name)).length");
  }

  private static long partsDone(WebElement item) {
    return Long.parseLong(item.getAttribute("data-parts-done"));
  }

  /** How many times the page reported upload progress for this file. */
  private static long uploadEvents(WebElement item) {
    String events = item.getAttribute("data-upload-events");
    return events == null ? 0 : Long.parseLong(events);
  }

  private static long bytesSent(WebElement item) {
    return Long.parseLong(item.getAttribute("data-bytes-sent"));
  }
}
