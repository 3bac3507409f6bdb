package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A caption track in Chromium: sent as SRT, listed in the CC menu, loaded by hls.js from the
 * master playlist's SUBTITLES group and by dash.js from the manifest's text set, and shown at its
 * time through the video element's text tracks.
 */
@KinoraTest(group = KinoraTest.PLAYER_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CaptionsUiIT {

  private static final String SRT = "1\n00:00:00,200 --> 00:00:02,000\nFirst words\n\n"
      + "2\n00:00:03,000 --> 00:00:05,500\nSaid at three seconds\n";

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;

  private static final String SHOWING = "[...document.getElementById('video').textTracks].find(t => t.mode === 'showing')";

  private static Browser browser;
  private static String videoId;

  @BeforeAll
  static void start() throws Exception {
    videoId = client.upload(Clips.mp4(work, "spoken.mp4", 320, 180, 6));
    client.awaitReady(videoId);
    int status = KinoraClient.await(client.request(HttpMethod.PUT, "/api/videos/" + videoId + "/captions/en?label=English")
        .putHeader("Content-Type", "application/x-subrip").sendBuffer(Buffer.buffer(SRT))).statusCode();
    assertEquals(201, status);
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
  void hlsJsShowsTheChosenTrackAndItsCueAtItsTime() throws Exception {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId);
    assertEquals("hlsjs", awaitPlayer());

    chooseEnglishAndSeekToFourSeconds();

    assertEquals(1.0, browser.number("return window.kinoraPlayer.hls.subtitleTracks.length"));
    browser.screenshot("watch-captions");
    assertEquals(-3.0, browser.number("return " + SHOWING + ".activeCues[0].line"), "lifted clear of the controls");
  }

  @Test
  void dashJsShowsTheSameTrack() {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId + "?format=dash");
    assertEquals("dashjs", awaitPlayer());

    chooseEnglishAndSeekToFourSeconds();
  }

  @Test
  void theViewersChoiceIsKeptForTheNextVisit() {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId);
    awaitPlayer();
    new Select(browser.find("#captions")).selectByVisibleText("Captions off");
    browser.driver.navigate().refresh();
    awaitPlayer();
    assertEquals("off", browser.find("#captions").getAttribute("value"));

    new Select(browser.find("#captions")).selectByVisibleText("English");
    browser.driver.navigate().refresh();
    awaitPlayer();
    assertEquals("en", browser.find("#captions").getAttribute("value"));
  }

  @Test
  void theOwnerAddsAndDeletesATrackInTheEditDialog() throws Exception {
    String id = client.createUpload("dialog.mp4", 1000).getString("id");
    Path srt = java.nio.file.Files.writeString(work.resolve("german.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHallo\n");
    browser.driver.get(node.baseUrl() + "/");
    browser.await("the video in the library", d -> browser.find(".video-row[data-id='" + id + "'] [data-action=edit]")).click();
    browser.await("no captions yet", d -> browser.find("#captions-list").getText().equals("No captions yet."));

    browser.find("#captions-file").sendKeys(srt.toAbsolutePath().toString());
    browser.find("#captions-language").sendKeys("de");
    browser.find("#captions-add").click();

    browser.await("the track listed", d -> browser.find("#captions-list").getText().startsWith("Deutsch (de) · 1 cue"));
    assertEquals("Hallo", client.get("/api/videos/" + id + "/captions/de.vtt").bodyAsString().split("\n")[3]);
    browser.screenshot("edit-captions");

    browser.find("#captions-list button[aria-label='Delete the Deutsch captions']").click();
    browser.await("the track gone", d -> browser.find("#captions-list").getText().equals("No captions yet."));
    assertEquals(404, client.get("/api/videos/" + id + "/captions/de.vtt").statusCode());
  }

  private static String awaitPlayer() {
    browser.await("the captions menu", d -> browser.find("#captions").isDisplayed()
        && d.findElements(By.cssSelector("#captions option")).size() == 2);
    return browser.find("#player").getAttribute("data-mode");
  }

  private static void chooseEnglishAndSeekToFourSeconds() {
    new Select(browser.find("#captions")).selectByVisibleText("English");
    browser.js("document.getElementById('video').play()");
    browser.await(Duration.ofSeconds(30), "playback started",
        d -> browser.number("return document.getElementById('video').currentTime") > 0.2);
    browser.js("const v = document.getElementById('video'); v.pause(); v.currentTime = 4;");
    browser.await(Duration.ofSeconds(20), "the cue said at three seconds", d -> "Said at three seconds".equals(browser.js(
        "const t = " + SHOWING + "; return t && t.activeCues && t.activeCues.length ? t.activeCues[0].text : null")));
    assertEquals("en", browser.js("return " + SHOWING + ".language"));
    assertEquals(2.0, browser.number("return " + SHOWING + ".cues.length"));
  }
}
