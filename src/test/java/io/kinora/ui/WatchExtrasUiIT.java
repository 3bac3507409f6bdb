package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storyboard thumbnail over the seek bar and the Download menu of the watch page, in Chromium. */
@KinoraTest(group = KinoraTest.PLAYER_PAGES)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WatchExtrasUiIT {

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;

  private static Browser browser;
  private static String videoId;

  @BeforeAll
  static void start() throws Exception {
    videoId = client.upload(Clips.mp4(work, "extras-ui.mp4", 640, 360, 10, 15));
    client.awaitReady(videoId);
    browser = Browser.start();
    browser.signIn(node.baseUrl(), client.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  private static WebElement openWatchPage() {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId);
    browser.await(Duration.ofSeconds(30), "the storyboard track loaded",
        d -> Long.valueOf(5).equals(browser.js("return window.kinoraPlayer.storyboardCues")));
    return browser.find("#seek");
  }

  @Test
  void hoveringTheSeekBarShowsTheThumbnailAndTimeOfThatMoment() throws Exception {
    WebElement seek = openWatchPage();
    int width = seek.getRect().getWidth();

    // three quarters along a 10 s video: 7.5 s, the fourth thumbnail (6-8 s), fourth tile of row one
    new Actions(browser.driver).moveToElement(seek, width / 4, 0).perform();

    browser.await("the preview", d -> browser.find(".seek-preview").isDisplayed());
    WebElement thumb = browser.find(".seek-preview-thumb");
    assertEquals("480,0,160,90", thumb.getAttribute("data-xywh"));
    assertEquals("0:07", browser.find(".seek-preview-time").getText());
    String sheet = thumb.getAttribute("data-url");
    assertTrue(sheet.matches("/media/" + videoId + "/storyboard/sheet_001\\.jpg\\?expires=\\d+&sig=.+"), sheet);
    assertEquals(200L, browser.js("return fetch(arguments[0]).then(r => r.status)", sheet));
    assertEquals("160px", thumb.getCssValue("width"));
    browser.screenshot("watch-storyboard-hover");

    new Actions(browser.driver).moveToElement(browser.find("#video-title")).perform();
    browser.await("the preview hidden", d -> !browser.find(".seek-preview").isDisplayed());
  }

  @Test
  void draggingTheSeekBarByTouchShowsTheThumbnailUntilTheFingerLifts() {
    WebElement seek = openWatchPage();
    org.openqa.selenium.Rectangle r = seek.getRect();
    int y = r.getY() + r.getHeight() / 2;
    browser.js("window.__events = []; for (const t of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel',"
        + " 'touchstart', 'touchmove', 'touchend', 'touchcancel']) window.addEventListener(t, e => window.__events.push(t), true)");

    touch("touchStart", r.getX() + 2, y);
    touch("touchMove", r.getX() + r.getWidth() / 20, y);
    touch("touchMove", r.getX() + r.getWidth() / 10 + 2, y);

    browser.await("the preview while dragging", d -> browser.find(".seek-preview").isDisplayed());
    assertEquals("0:01", browser.find(".seek-preview-time").getText());
    assertEquals("0,0,160,90", browser.find(".seek-preview-thumb").getAttribute("data-xywh"));

    touch("touchEnd", -1, -1);
    browser.await("the preview hidden after the drag, events: " + browser.js("return window.__events.join(' ')"),
        d -> !browser.find(".seek-preview").isDisplayed());
  }

  /** A real touch, as the screen sends it (Chromium makes the pointer and touch events from it). */
  private static void touch(String type, int x, int y) {
    List<Object> points = x < 0 ? List.of() : List.of(Map.of("x", x, "y", y));
    browser.driver.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", points));
  }

  @Test
  void thePageFetchesTheVideoRecordOnceForAllItsParts() {
    openWatchPage();
    browser.await("the rating, owner line, comments and Save to playlist shown", d -> Boolean.TRUE.equals(browser.js(
        "return !document.getElementById('rating').hidden && !document.getElementById('video-channel').hidden"
            + " && document.getElementById('comments').childElementCount > 0"
            + " && document.getElementById('save-to-playlist') !== null")));
    Object fetches = browser.js("return performance.getEntriesByType('resource')"
        + ".filter(e => new URL(e.name).pathname === '/api/videos/' + arguments[0]).length", videoId);
    assertEquals(1L, fetches, "GET /api/videos/{id} requests made by the watch page of a ready video");
  }

  @Test
  void theDownloadMenuListsRenditionsWithSizesAndWorksFromTheKeyboard() throws Exception {
    openWatchPage();
    WebElement button = browser.find("#download-button");
    assertEquals("false", button.getAttribute("aria-expanded"));

    browser.js("arguments[0].focus()", button);
    new Actions(browser.driver).sendKeys(Keys.ENTER).perform();

    browser.await("the menu open", d -> browser.find("#download-menu").isDisplayed());
    assertEquals("true", button.getAttribute("aria-expanded"));
    List<WebElement> items = browser.driver.findElements(org.openqa.selenium.By.cssSelector("#download-menu a"));
    assertEquals(List.of("360p", "240p"), items.stream().map(i -> i.getAttribute("data-rendition")).toList());
    assertTrue(items.get(0).getText().matches("(?s)360p.*640×360 · MP4 · [\\d.]+ (KiB|MiB).*"), items.get(0).getText());
    assertEquals("360p", browser.js("return document.activeElement.dataset.rendition"));
    new Actions(browser.driver).sendKeys(Keys.ARROW_DOWN).perform();
    assertEquals("240p", browser.js("return document.activeElement.dataset.rendition"));
    browser.screenshot("watch-download-menu");

    @SuppressWarnings("unchecked")
    Map<String, Object> fetched = (Map<String, Object>) browser.js("return fetch(arguments[0]).then(r => "
        + "({status: r.status, type: r.headers.get('Content-Type'), disposition: r.headers.get('Content-Disposition'),"
        + " redirected: r.redirected}))", items.get(1).getAttribute("href"));
    assertEquals(200L, fetched.get("status"));
    assertEquals("video/mp4", fetched.get("type"));
    assertEquals(true, fetched.get("redirected"));
    assertTrue(String.valueOf(fetched.get("disposition")).startsWith("attachment; filename=\""), fetched.toString());

    new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
    browser.await("the menu closed", d -> !browser.find("#download-menu").isDisplayed());
    assertEquals("download-button", browser.js("return document.activeElement.id"));
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }
}
