package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same fMP4 video played to its end in Chromium twice: with hls.js (the default; the audio is
 * an alternate-audio rendition) and with dash.js from the DASH manifest ({@code ?format=dash}).
 * Every segment URL is signed; a 403 would surface as a fatal player error or a stall.
 */
@KinoraTest(group = KinoraTest.PLAYER_PAGES)
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class DeliveryUiIT {

  /** 8 s: two 4 s segments, short enough to play through in the test. */
  private static final double SECONDS = 8;

  static KinoraClient client;
  private static Browser browser;
  private static String videoId;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start() throws Exception {
    videoId = client.upload(Clips.mp4(clips, "delivery.mp4", 640, 360, SECONDS, 15));
    browser = Browser.start();
    browser.signIn(client.baseUrl(), client.browserSession());
    client.awaitReady(videoId);
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
  void hlsJsPlaysTheFmp4LadderWithItsAudioRenditionToTheEnd() throws Exception {
    browser.driver.get(client.baseUrl() + "/watch/" + videoId);
    browser.await("hls.js parsed the master playlist",
        d -> browser.driver.findElements(By.cssSelector("#quality option")).size() == 3);
    assertEquals("hlsjs", browser.find("#player").getAttribute("data-mode"));

    playToTheEnd();

    assertEquals(1.0, browser.number("return window.kinoraPlayer.hls.audioTracks.length"));
  }

  @Test
  void dashJsPlaysTheManifestToTheEnd() throws Exception {
    browser.driver.get(client.baseUrl() + "/watch/" + videoId + "?format=dash");
    browser.await("dash.js read the manifest",
        d -> browser.driver.findElements(By.cssSelector("#quality option")).size() == 3);
    assertEquals("dashjs", browser.find("#player").getAttribute("data-mode"));

    playToTheEnd();

    assertEquals(1.0, browser.number("return window.kinoraPlayer.dash.getBitrateInfoListFor('audio').length"));
    assertTrue(browser.find("#now-playing").getText().matches("\\d+p"), browser.find("#now-playing").getText());
    browser.screenshot("watch-dash");
  }

  @Test
  void theFormatMenuSwitchesBetweenHlsAndDashAndTheLinkSaysWhich() {
    browser.driver.get(client.baseUrl() + "/watch/" + videoId);
    browser.await("hls.js parsed the master playlist",
        d -> browser.driver.findElements(By.cssSelector("#quality option")).size() == 3);
    Select format = new Select(browser.find("#format"));
    assertTrue(browser.find("#format").isDisplayed());
    assertEquals("HLS", format.getFirstSelectedOption().getText());

    format.selectByValue("dash");
    browser.await("the page again, with dash.js", d -> d.getCurrentUrl().endsWith("?format=dash")
        && "dashjs".equals(browser.find("#player").getAttribute("data-mode")));
    browser.await("dash.js read the manifest",
        d -> browser.driver.findElements(By.cssSelector("#quality option")).size() == 3);
    assertEquals("DASH", new Select(browser.find("#format")).getFirstSelectedOption().getText());

    new Select(browser.find("#format")).selectByValue("hls");
    browser.await("the page again, with hls.js", d -> d.getCurrentUrl().endsWith("/watch/" + videoId)
        && "hlsjs".equals(browser.find("#player").getAttribute("data-mode")));
  }

  private static void playToTheEnd() {
    browser.js("document.getElementById('video').play()");
    browser.await(Duration.ofSeconds(30), "playback started",
        d -> browser.number("return document.getElementById('video').currentTime") > 0.3);
    browser.await(Duration.ofSeconds(60), "the end", d -> Boolean.TRUE.equals(
        browser.js("return document.getElementById('video').ended")));
    double played = browser.number("const v = document.getElementById('video'); "
        + "return v.played.length ? v.played.end(v.played.length - 1) : 0");
    assertTrue(played >= SECONDS - 0.3, "played to " + played);
    assertNull(browser.js("return document.getElementById('video').error && document.getElementById('video').error.message"));
    assertEquals(List.of(), browser.js("return window.kinoraPlayer.fatalErrors"));
    // a decoder that gave up mid-way still ends; the frames it showed say whether it played
    double frames = browser.number("return document.getElementById('video').getVideoPlaybackQuality().totalVideoFrames");
    assertTrue(frames >= SECONDS * 15 * 0.9, "decoded frames: " + frames);
  }
}
