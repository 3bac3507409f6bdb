package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.PacedFfmpeg;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A video plays on its watch page while it is still processing: ffmpeg reads the clip at
 * its own pace, so 8 s of video take 8 s to transcode, and the page starts the player as soon as
 * the record says playable, from the start of the video, on the growing (EVENT) playlists. Its own
 * node: the paced ffmpeg is a node setting. Each test uploads its own video.
 */
@Tag("long")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PlayWhileProcessingUiIT {

  /** 2 s segments: four of them appear while the clip below is still being read. */
  private static final int SEGMENT_SECONDS = 2;
  /** Four segments: long enough to open the page and play well before the job ends. */
  private static final double SECONDS = 4 * SEGMENT_SECONDS;
  /** The longest the player may wait for the next segment to be stored: about one segment. */
  private static final double LONGEST_STALL = SEGMENT_SECONDS + 0.5;

  /**
   * Records in the page every stall after playback began: from {@code waiting} until it plays (or
   * ends) again, in seconds; {@code window.stalls()} answers the longest, one still going on
   * included. {@code window.playbackLog} keeps the events with the position and what was buffered.
   */
  private static final String STALL_METER = """
      const video = document.getElementById('video');
      const gaps = [];
      const log = [];
      let began = false;
      let since = null;
      const now = () => performance.now() / 1000;
      const settle = () => {
        if (since !== null) gaps.push(now() - since);
        since = null;
      };
      for (const type of ['waiting', 'playing', 'ended']) {
        video.addEventListener(type, () => {
          const buffered = video.buffered.length ? video.buffered.end(video.buffered.length - 1) : 0;
          log.push(`${type} at ${video.currentTime.toFixed(2)} s, buffered to ${buffered.toFixed(2)} s, `
            + `page time ${now().toFixed(1)} s`);
        });
      }
      video.addEventListener('waiting', () => { if (began && since === null) since = now(); });
      video.addEventListener('playing', () => { began = true; settle(); });
      video.addEventListener('ended', settle);
      window.stalls = () => Math.max(0, ...gaps, since === null ? 0 : now() - since);
      window.playbackLog = log;
      """;

  @TempDir
  static Path work;

  private static Vertx vertx;
  private static RedisServer redis;
  private static TestNode node;
  private static KinoraClient client;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of("KINORA_FFMPEG_DIR", PacedFfmpeg.dir(work).toString(),
        "KINORA_SEGMENT_SECONDS", Integer.toString(SEGMENT_SECONDS)));
    client = KinoraClient.signedUp(vertx, node.httpPort());
    browser = Browser.start();
    browser.signIn(node.baseUrl(), client.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (client != null) {
        client.close();
      }
      if (node != null) {
        node.close();
      }
      vertx.close().await(30, TimeUnit.SECONDS);
      redis.close();
    }
  }

  @AfterEach
  void pageLoggedNoErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  void theWatchPageOfAVideoStillProcessingStartsPlayingFromTheStart() throws Exception {
    // 10 s, opened once 8 s are stored: hls.js would start a live playlist 3 segments from its end, at 2 s
    String id = client.upload(Clips.mp4(work, "playing-early.mp4", 640, 360, 5 * SEGMENT_SECONDS, 15));
    browser.await(Duration.ofSeconds(60), "four segments stored", d -> segmentsListed(id) >= 4);
    browser.driver.get(node.baseUrl() + "/watch/" + id);

    play();

    browser.await("playback began", d -> currentTime() > 0.5);
    JsonObject record = client.video(id);
    assertEquals("processing", record.getString("status"), record.encode());
    assertTrue(record.getBoolean("playable"), record.encode());
    assertEquals(0.0, browser.number("return document.getElementById('video').played.start(0)"), 0.5,
        "plays from the start, not from near the end of what is stored");
    assertEquals("hlsjs", browser.find("#player").getAttribute("data-mode"));
    assertFalse(browser.find("#player-message").isDisplayed(), "no message over the video");
    String note = browser.find("#processing-note").getText();
    assertTrue(note.matches("Still processing \\(\\d+ %\\): you can watch what is ready; the rest follows\\."), note);
    browser.screenshot("watch-while-processing");
  }

  @Test
  void aVideoStartedWhileProcessingPlaysToItsEndWithoutErrorsOrStallsLongerThanASegment() throws Exception {
    String id = upload("to-the-end.mp4");
    browser.driver.get(node.baseUrl() + "/watch/" + id);
    browser.js(STALL_METER);

    play();
    browser.await("playback began", d -> currentTime() > 0.5);
    assertEquals("processing", client.video(id).getString("status"));

    client.awaitReady(id);
    // the playlists end with the job: hls.js takes them for VOD and the media element ends
    browser.await(Duration.ofSeconds(60), "the end", d -> Boolean.TRUE.equals(
        browser.js("return document.getElementById('video').ended")));
    String log = "playback: " + browser.js("return window.playbackLog");
    assertNull(browser.find("#player").getAttribute("data-fatal-errors"),
        "fatal player errors: " + browser.js("return window.kinoraPlayer.fatalErrors"));
    double longest = browser.number("return window.stalls()");
    assertTrue(longest <= LONGEST_STALL, "longest stall " + longest + " s; " + log);
    double played = browser.number("const v = document.getElementById('video'); "
        + "return v.played.length ? v.played.end(v.played.length - 1) : 0");
    assertTrue(played >= SECONDS - 0.5, "played to " + played + "; " + log);
  }

  @Test
  void onceReadyTheDownloadMenuAndStoryboardAppearWithoutAReloadWhilePlaybackGoesOn() throws Exception {
    String id = upload("extras-later.mp4");
    browser.await(Duration.ofSeconds(60), "the record says playable",
        d -> client.video(id).getBoolean("playable", false));
    browser.driver.get(node.baseUrl() + "/watch/" + id);
    browser.js("window.samePage = true");
    play();
    browser.await("playback began", d -> currentTime() > 0.5);
    browser.js("window.firstHls = window.kinoraPlayer.hls");
    assertTrue(browser.find("#processing-note").isDisplayed());
    assertTrue(browser.driver.findElements(By.id("download-button")).isEmpty(), "no downloads before ready");

    client.awaitReady(id);

    browser.await("the Download menu", d -> !d.findElements(By.id("download-button")).isEmpty());
    browser.await("the storyboard track loaded",
        d -> Long.valueOf((long) SECONDS / 2).equals(browser.js("return window.kinoraPlayer.storyboardCues")));
    assertEquals(true, browser.js("return window.samePage === true"), "the page was not reloaded");
    assertEquals(true, browser.js("return window.firstHls === window.kinoraPlayer.hls"), "the player was not restarted");
    assertFalse(browser.find("#processing-note").isDisplayed());
    double at = currentTime();
    browser.await("playback goes on", d -> currentTime() > at || Boolean.TRUE.equals(
        browser.js("return document.getElementById('video').ended")));
    assertEquals(false, browser.js("return document.getElementById('format').hidden"), "DASH is on offer once ready");
  }

  private static String upload(String name) throws Exception {
    return client.upload(Clips.mp4(work, name, 640, 360, SECONDS, 15));
  }

  /** Plays once the player is there: the test starts playback as a viewer's click would. */
  private static void play() {
    browser.await(Duration.ofSeconds(60), "the player, before the video is ready", d -> Boolean.TRUE.equals(
        browser.js("return window.kinoraPlayer.ready")));
    browser.await("hls.js parsed the master playlist",
        d -> d.findElements(By.cssSelector("#quality option")).size() == 3);
    browser.js("document.getElementById('video').play()");
  }

  /** The segments the 360p playlist lists now; 0 before the video is playable. */
  private static int segmentsListed(String id) {
    var playlist = client.get("/api/videos/" + id + "/renditions/360p.m3u8");
    return playlist.statusCode() == 200 ? playlist.bodyAsString().split("#EXTINF", -1).length - 1 : 0;
  }

  private static double currentTime() {
    return browser.number("return document.getElementById('video').currentTime");
  }
}
