package io.kinora.ui;

import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search in Chromium, signed out: type a word of a public video's title into the top bar's box,
 * see its card on the results page, open it; and a word nothing has gives the empty state.
 */
@KinoraTest(group = KinoraTest.SOCIAL_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SearchUiIT {

  static KinoraClient client;
  static TestNode node;
  static RedisServer redis;

  @TempDir
  static Path work;

  private static Browser browser;
  private static String word;
  private static String id;

  @BeforeAll
  static void start() throws Exception {
    SecureRandom random = new SecureRandom();
    StringBuilder w = new StringBuilder("ui");
    for (int i = 0; i < 8; i++) {
      w.append((char) ('a' + random.nextInt(26)));
    }
    word = w.toString();
    KinoraClient owner = KinoraClient.signedUp(client.vertx(), node.httpPort());
    Path clip = Clips.mp4(work, "searched.mp4", 160, 90, 1);
    HttpResponse<Buffer> created = owner.postJson("/api/uploads", new JsonObject().put("filename", "searched.mp4")
        .put("size", Files.size(clip)).put("title", "Harbour " + word + " at dusk").put("visibility", "public"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    id = created.bodyAsJsonObject().getString("id");
    // its captions say a word of their own, at the start
    assertEquals(201, KinoraClient.await(owner.request(io.vertx.core.http.HttpMethod.PUT, "/api/videos/" + id + "/captions/en")
        .putHeader("Content-Type", "text/vtt").sendBuffer(Buffer.buffer("WEBVTT\n\n00:00.200 --> 00:00.900\nspoken "
            + word + "said\n"))).statusCode());
    assertEquals(200, owner.putToStorage(created.bodyAsJsonObject().getString("uploadUrl"), clip));
    owner.complete(id);
    owner.awaitReady(id);
    Await.until(Duration.ofSeconds(20), "the video to reach the search index",
        () -> !redis.cli("ZSCORE", "kinora:search:w:" + word, id).isEmpty());
    browser = Browser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aWordSaidInTheCaptionsShowsTheMomentWithItsThumbnailAndLinksToIt() throws Exception {
    browser.driver.get(node.baseUrl() + "/search?q=" + word + "said");
    WebElement said = browser.await("the moment it is said", d -> browser.find(".search-card .said"));
    assertEquals("Said at 0:00", said.getText());
    assertEquals(node.baseUrl() + "/watch/" + id + "?t=0", said.getAttribute("href"));
    assertTrue(browser.js("return getComputedStyle(document.querySelector('.said-thumb')).backgroundImage")
        .toString().contains("/media/" + id + "/storyboard/sheet_001.jpg"));
    browser.awaitSettled();
    browser.screenshot("search-said");
  }

  @Test
  void typeInTheSearchBoxSeeTheCardAndOpenIt() throws Exception {
    browser.driver.get(node.baseUrl() + "/");
    WebElement box = browser.await("the search box", d -> browser.find(".topbar form[role='search'] input[type='search']"));
    assertEquals("Search videos", browser.find("label[for='" + box.getAttribute("id") + "']").getAttribute("textContent"));

    // the start of the word is enough: the last word matches as a prefix
    box.sendKeys(word.substring(0, 6).toUpperCase() + Keys.ENTER);

    browser.await("the results page", d -> d.getCurrentUrl().contains("/search?q="));
    WebElement link = browser.await("the result card", d -> browser.find(".search-card[data-id='" + id + "'] .video-title a"));
    assertEquals("Harbour " + word + " at dusk", link.getText());
    assertTrue(browser.find(".search-card[data-id='" + id + "'] img").getAttribute("src").endsWith("/api/videos/" + id + "/poster.jpg"));
    assertTrue(browser.find(".search-card[data-id='" + id + "'] .video-meta").getText().contains("views"));
    assertEquals(word.substring(0, 6).toUpperCase(), browser.find(".topbar input[type='search']").getAttribute("value"));
    browser.screenshot("search-results");
    assertEquals(java.util.List.of(), browser.consoleErrors());

    link.click();

    browser.await("the watch page", d -> d.getCurrentUrl().endsWith("/watch/" + id));
    browser.await("the video's title", d -> browser.find("body").getText().contains("Harbour " + word + " at dusk"));
  }

  @Test
  void aSearchWithNoMatchShowsTheEmptyState() {
    browser.driver.get(node.baseUrl() + "/search?q=" + word + "zzzz");

    browser.await("the page", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
    assertTrue(browser.find("#search-empty").isDisplayed());
    assertTrue(browser.find("#search-empty").getText().contains("No public videos match"));
    assertEquals(0, browser.driver.findElements(org.openqa.selenium.By.cssSelector(".search-card")).size());
  }

  @Test
  void onAPhoneTheBoxAndTheCardsFitTheScreen() throws Exception {
    browser.emulatePhone(true);
    try {
      browser.driver.get(node.baseUrl() + "/search?q=" + word);
      browser.await("the result card", d -> browser.find(".search-card[data-id='" + id + "']"));
      browser.screenshot("search-phone");

      assertTrue(browser.find(".topbar input[type='search']").isDisplayed());
      assertTrue(browser.number("return document.documentElement.scrollWidth - window.innerWidth") <= 0,
          "nothing sticks out sideways");
    } finally {
      browser.emulatePhone(false);
    }
  }
}
