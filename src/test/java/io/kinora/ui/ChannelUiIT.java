package io.kinora.ui;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels in Chromium: a viewer opens a channel, subscribes with the keyboard, and finds its
 * video in /feed; the owner line on the watch page links to the channel; on one's own channel
 * the profile and picture are edited.
 */
@KinoraTest(group = KinoraTest.SOCIAL_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChannelUiIT {

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;

  private static KinoraClient owner;
  private static KinoraClient viewer;
  private static String videoId;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    owner = KinoraClient.signedUp(client.vertx(), node.httpPort());
    viewer = KinoraClient.signedUp(client.vertx(), node.httpPort());
    Path clip = Clips.mp4(work, "ui-channel.mp4", 160, 90, 1, 10);
    JsonObject created = owner.postJson("/api/uploads", new JsonObject().put("filename", "ui-channel.mp4")
        .put("size", Files.size(clip)).put("visibility", "public").put("title", "A walk on the channel"))
        .bodyAsJsonObject();
    videoId = created.getString("id");
    assertEquals(200, owner.putToStorage(created.getString("uploadUrl"), clip));
    owner.complete(videoId);
    owner.awaitReady(videoId);
    Await.until(Duration.ofSeconds(20), "the video to reach the catalogue",
        () -> owner.get("/api/users/" + owner.username()).bodyAsJsonObject().getLong("videoCount") >= 1);
    browser = Browser.start();
    browser.signIn(node.baseUrl(), viewer.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void subscribeOnAChannelThenSeeItsVideoInTheFeed() throws Exception {
    browser.driver.get(node.baseUrl() + "/@" + owner.username());
    browser.await("the channel", d -> owner.username().equals(browser.find("#channel-name").getText()));
    browser.await("its video", d -> !d.findElements(By.cssSelector("#channel-videos li[data-id='" + videoId + "']")).isEmpty());
    assertEquals("A walk on the channel",
        browser.find("#channel-videos li[data-id='" + videoId + "'] .card-title a").getText());
    assertEquals("false", browser.find("#subscribe").getAttribute("aria-pressed"));

    // with the keyboard: focus the button, press Enter
    browser.js("document.getElementById('subscribe').focus()");
    browser.find("#subscribe").sendKeys(Keys.ENTER);
    browser.await("subscribed", d -> "true".equals(browser.find("#subscribe").getAttribute("aria-pressed")));
    browser.await("the count", d -> browser.find("#channel-stats").getText().startsWith("1 subscriber ·"));
    browser.screenshot("channel");

    browser.driver.get(node.baseUrl() + "/feed");
    browser.await("the video in the feed",
        d -> !d.findElements(By.cssSelector("#feed-videos li[data-id='" + videoId + "']")).isEmpty());
    assertEquals(owner.username(), browser.find("#feed-videos li[data-id='" + videoId + "'] .card-channel a").getText());
    browser.await("the channel in the list", d -> d.findElements(By.cssSelector("#following a")).stream()
        .anyMatch(a -> a.getAttribute("href").endsWith("/@" + owner.username())));
    assertTrue(browser.find("#feed-empty").getAttribute("hidden") != null);
    browser.emulatePhone(true);
    try {
      browser.screenshot("feed-phone");
      assertTrue(browser.number("return document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone");
    } finally {
      browser.emulatePhone(false);
    }
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  void theWatchPageLinksToTheChannelWithASubscribeButton() throws Exception {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId);
    browser.await("the owner line", d -> browser.find("#video-channel").isDisplayed());

    assertTrue(browser.find("#video-channel a.channel-link").getAttribute("href").endsWith("/@" + owner.username()));
    assertTrue(browser.find("#watch-subscribe").isDisplayed());
    browser.screenshot("watch-owner-line");
  }

  @Test
  void onMyChannelIEditMyProfileAndPicture() throws Exception {
    Path png = Clips.ffmpeg(work.resolve("me.png"), "-f", "lavfi", "-i", "testsrc2=size=300x200:rate=1", "-frames:v", "1");
    browser.driver.get(node.baseUrl() + "/@" + viewer.username());
    browser.await("my channel", d -> viewer.username().equals(browser.find("#channel-name").getText()));
    assertTrue(browser.find("#subscribe").getAttribute("hidden") != null, "no subscribing to myself");

    browser.find("#edit-profile").click();
    browser.await("the form", d -> browser.find("#profile-editor").isDisplayed());
    browser.find("#display-name").sendKeys("Viewer Vera");
    browser.find("#bio").sendKeys("I watch things.");
    browser.find("#avatar-file").sendKeys(png.toAbsolutePath().toString());
    browser.await("the preview", d -> browser.find("#avatar-preview").isDisplayed());
    browser.emulatePhone(true);
    try {
      browser.screenshot("channel-edit-phone");
      assertTrue(browser.number("return document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone");
    } finally {
      browser.emulatePhone(false);
    }
    browser.find("#profile-save").click();

    browser.await("the new name", d -> "Viewer Vera".equals(browser.find("#channel-name").getText()));
    browser.await("the picture", d -> !d.findElements(By.cssSelector("#channel-avatar img")).isEmpty());
    browser.await("the picture loaded", d -> Boolean.TRUE.equals(browser.js(
        "const i = document.querySelector('#channel-avatar img'); return i.complete && i.naturalWidth === 256")));
    assertEquals("I watch things.", browser.find("#channel-bio").getText());
    JsonObject channel = viewer.get("/api/users/" + viewer.username()).bodyAsJsonObject();
    assertEquals("Viewer Vera", channel.getString("displayName"));
    assertTrue(channel.getString("avatarUrl").contains("/avatar?v="));
    browser.screenshot("channel-edited");
  }
}
