package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playlists in Chromium: a playlist of two short ready videos made from the watch page ("Save to
 * playlist", a new playlist inline, then ticking it for the second video), played through from
 * {@code /watch/{first}?list={pid}} (the queue beside the player, the second video starting by
 * itself when the first ends), and the playlist page where its owner reorders and removes.
 */
@KinoraTest(group = KinoraTest.SOCIAL_PAGES)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PlaylistUiIT {

  static KinoraClient client;

  private static KinoraClient owner;
  private static Browser browser;
  private static String base;
  private static String first;
  private static String second;

  @TempDir
  static Path clips;

  @BeforeAll
  static void start() throws Exception {
    owner = KinoraClient.signedUp(client.vertx(), client.port());
    base = owner.baseUrl();
    Path clip = Clips.mp4(clips, "two-seconds.mp4", 320, 180, 2, 15);
    first = upload(clip, "First clip");
    second = upload(clip, "Second clip");
    browser = Browser.start();
    browser.signIn(base, owner.browserSession());
    owner.awaitReady(first);
    owner.awaitReady(second);
  }

  private static String upload(Path clip, String title) throws Exception {
    JsonObject created = owner.postJson("/api/uploads", new JsonObject().put("filename", "clip.mp4")
        .put("size", Files.size(clip)).put("title", title).put("visibility", "unlisted")).bodyAsJsonObject();
    assertEquals(200, owner.putToStorage(created.getString("uploadUrl"), clip));
    owner.complete(created.getString("id"));
    return created.getString("id");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (owner != null) {
      owner.close();
    }
  }

  @AfterEach
  void pageLoggedNoErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  void aPlaylistMadeFromTheWatchPagePlaysThroughToTheNextVideo() throws Exception {
    // the first video: a new playlist, made in the dialog, holds it
    openSaveDialog(first);
    browser.find("#new-playlist-title").sendKeys("Road trip");
    new org.openqa.selenium.support.ui.Select(browser.find("#new-playlist-visibility")).selectByValue("unlisted");
    browser.find(".new-playlist button[type=submit]").click();
    // other tests' playlists may be listed too: find this one by its name
    WebElement box = browser.await("the new playlist, ticked", d -> d.findElements(By.cssSelector(".save-list li")).stream()
        .filter(li -> li.getText().startsWith("Road trip")).findFirst()
        .map(li -> li.findElement(By.cssSelector("input[type=checkbox]"))).orElse(null));
    assertTrue(box.isSelected());
    String pid = box.getAttribute("data-playlist");
    browser.await("the confirmation", d -> String.valueOf(browser.js("return document.querySelector('.save-status').textContent"))
        .contains("Road trip"));
    closeDialog();

    // the second video: the playlist is listed unticked; ticking it adds the video
    openSaveDialog(second);
    WebElement unticked = browser.await("the playlist in the list", d -> {
      List<WebElement> boxes = browser.driver.findElements(By.cssSelector(".save-list input[data-playlist='" + pid + "']"));
      return boxes.isEmpty() ? null : boxes.get(0);
    });
    assertFalse(unticked.isSelected());
    unticked.click();
    browser.await("saved", d -> browser.find(".save-status").getText().startsWith("Saved to Road trip"));
    browser.screenshot("playlist-save-dialog");
    closeDialog();
    assertEquals(List.of(first, second), itemIds(pid));

    // played from the first: the queue is there with the first marked, and the second follows by itself
    browser.driver.get(base + "/watch/" + first + "?list=" + pid);
    browser.await("the queue", d -> browser.find("#playlist-queue").isDisplayed()
        && browser.driver.findElements(By.cssSelector("#playlist-queue .queue-item")).size() == 2);
    assertEquals(first, browser.find("#playlist-queue a[aria-current=true]").findElement(By.xpath("..")).getAttribute("data-id"));
    assertTrue(browser.find("#playlist-queue-heading").getText().contains("Road trip"));
    browser.await(Duration.ofSeconds(60), "the first video to end and the second to open",
        d -> d.getCurrentUrl().contains("/watch/" + second));
    assertTrue(browser.driver.getCurrentUrl().endsWith("?list=" + pid), browser.driver.getCurrentUrl());
    browser.await(Duration.ofSeconds(60), "the second video playing by itself",
        d -> Boolean.FALSE.equals(browser.js("return document.getElementById('video').paused"))
            && browser.number("return document.getElementById('video').currentTime") > 0.3);
    assertEquals(second, browser.find("#playlist-queue a[aria-current=true]").findElement(By.xpath("..")).getAttribute("data-id"));
    assertEquals("", browser.find("#playlist-queue").getAttribute("data-next"), "the last one leads nowhere");
    browser.screenshot("playlist-queue");
  }

  @Test
  void onAPhoneTheQueueIsRightUnderThePlayer() throws Exception {
    String pid = playlistOf(first, second);
    browser.emulatePhone(true);
    try {
      browser.driver.get(base + "/watch/" + second + "?list=" + pid);
      browser.await("the queue", d -> browser.find("#playlist-queue").isDisplayed());
      double playerBottom = browser.number("return document.getElementById('player').getBoundingClientRect().bottom");
      double queueTop = browser.number("return document.getElementById('playlist-queue').getBoundingClientRect().top");
      double detailsTop = browser.number("return document.querySelector('.details').getBoundingClientRect().top");
      browser.screenshot("playlist-queue-phone");
      assertTrue(queueTop >= playerBottom - 1 && queueTop < detailsTop, playerBottom + " " + queueTop + " " + detailsTop);
      double scroll = browser.number("return document.documentElement.scrollWidth");
      double width = browser.number("return document.documentElement.clientWidth");
      assertTrue(scroll <= width, "no sideways scrolling: " + scroll + " in " + width);
    } finally {
      browser.emulatePhone(false);
    }
  }

  @Test
  void theOwnerReordersAndRemovesOnThePlaylistPage() throws Exception {
    String pid = playlistOf(first, second);
    browser.driver.get(base + "/playlist/" + pid);
    browser.await("the videos", d -> browser.driver.findElements(By.cssSelector(".playlist-row")).size() == 2);
    assertEquals("Made by the test", browser.find("#playlist-title").getText());
    assertTrue(browser.find("#play-all").getAttribute("href").endsWith("/watch/" + first + "?list=" + pid));
    browser.screenshot("playlist-page");

    browser.find(".playlist-row[data-id='" + second + "'] [data-action=up]").click();
    browser.await("the new order", d -> second.equals(browser.js("return document.querySelector('.playlist-row').dataset.id")));
    assertEquals(List.of(second, first), itemIds(pid));
    browser.await("focus staying with the moved video", d -> Boolean.TRUE.equals(browser.js(
        "return document.activeElement === document.querySelector(\".playlist-row[data-id='" + second + "'] [data-action=down]\")")));
    assertTrue(browser.find("#play-all").getAttribute("href").endsWith("/watch/" + second + "?list=" + pid));

    browser.find(".playlist-row[data-id='" + first + "'] [data-action=remove]").click();
    browser.await("one left", d -> browser.driver.findElements(By.cssSelector(".playlist-row")).size() == 1);
    assertEquals(List.of(second), itemIds(pid));
  }

  @Test
  void everyPlaylistControlIsLabelledAndTheDialogClosesWithEscape() {
    String pid = playlistOf(first, second);
    browser.driver.get(base + "/playlist/" + pid);
    browser.await("the videos", d -> browser.driver.findElements(By.cssSelector(".playlist-row")).size() == 2);
    assertControlsAreLabelled();

    browser.driver.get(base + "/watch/" + first + "?list=" + pid);
    browser.await("the queue", d -> browser.find("#playlist-queue").isDisplayed());
    assertControlsAreLabelled();
    openSaveDialog(first);
    assertControlsAreLabelled();
    new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
    browser.await("the dialog closed", d -> d.findElements(By.cssSelector(".playlist-dialog")).isEmpty());
    assertEquals(browser.find("#save-to-playlist"), browser.driver.switchTo().activeElement(), "focus back on the button");
  }

  /** Every visible control has an accessible name; every image has an alt text (as WebUiIT checks). */
  private static void assertControlsAreLabelled() {
    Object unnamed = browser.js("return [...document.querySelectorAll('button, input, select, textarea, a[href], img')]"
        + ".filter(e => e.getClientRects().length && e.getAttribute('aria-hidden') !== 'true' && !e.closest('[aria-hidden=true]'))"
        + ".filter(e => e.tagName === 'IMG' ? !e.hasAttribute('alt') : !(e.getAttribute('aria-label') || (e.labels && e.labels.length)"
        + " || e.textContent.trim() || e.getAttribute('title')))"
        + ".map(e => e.outerHTML.slice(0, 80))");
    assertEquals(List.of(), unnamed);
  }

  private static String playlistOf(String... ids) {
    String pid = owner.postJson("/api/playlists", new JsonObject().put("title", "Made by the test")
        .put("visibility", "unlisted")).bodyAsJsonObject().getString("id");
    for (String id : ids) {
      assertEquals(200, owner.postJson("/api/playlists/" + pid + "/videos", new JsonObject().put("videoId", id)).statusCode());
    }
    return pid;
  }

  private static void openSaveDialog(String videoId) {
    browser.driver.get(base + "/watch/" + videoId);
    browser.await("the save button", d -> browser.driver.findElements(By.id("save-to-playlist")).size() == 1).booleanValue();
    browser.find("#save-to-playlist").click();
    browser.await("my playlists", d -> "false".equals(browser.find(".save-list").getAttribute("aria-busy")));
  }

  private static void closeDialog() {
    browser.find(".playlist-dialog .dialog-actions button").click();
    browser.await("the dialog closed", d -> d.findElements(By.cssSelector(".playlist-dialog")).isEmpty());
  }

  private static List<String> itemIds(String pid) {
    JsonArray items = owner.get("/api/playlists/" + pid).bodyAsJsonObject().getJsonArray("items");
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }
}
