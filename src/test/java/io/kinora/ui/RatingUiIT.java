package io.kinora.ui;

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

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The like buttons and the view count on the watch page, in Chromium. */
@KinoraTest(group = KinoraTest.SOCIAL_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RatingUiIT {

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;

  private static Browser browser;
  private static KinoraClient owner;
  private static String videoId;

  @BeforeAll
  static void start() throws Exception {
    owner = KinoraClient.signedUp(client.vertx(), node.httpPort());
    videoId = owner.upload(Clips.mp4(work, "liked.mp4", 320, 180, 6));
    owner.awaitReady(videoId);
    owner.patchJson("/api/videos/" + videoId, new JsonObject().put("visibility", "public"));
    browser = Browser.start();
    browser.signIn(node.baseUrl(), client.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    owner.close();
    if (browser != null) {
      browser.close();
    }
  }

  private static void openWatchPage() {
    browser.driver.get(node.baseUrl() + "/watch/" + videoId);
    browser.await("the rating buttons", d -> browser.find("#rating").isDisplayed());
  }

  @Test
  void aLikeIsCountedPressedAndKeptAfterAReload() {
    openWatchPage();

    browser.find(".rating-button.like").click();
    browser.await("the like counted", d -> "true".equals(browser.find(".rating-button.like").getAttribute("aria-pressed"))
        && "1".equals(browser.find(".rating-button.like .rating-count").getText()));
    openWatchPage();

    browser.await("the like still there", d -> "true".equals(browser.find(".rating-button.like").getAttribute("aria-pressed")));
    assertEquals("1", browser.find(".rating-button.like .rating-count").getText());
    assertEquals("false", browser.find(".rating-button.dislike").getAttribute("aria-pressed"));
  }

  @Test
  void watchingAFewSecondsCountsOneView() {
    openWatchPage();
    browser.await("the view count", d -> browser.find("#video-views").getText().endsWith("views"));

    browser.await(Duration.ofSeconds(30), "the play button", d -> browser.find("#big-play").isDisplayed());
    browser.find("#big-play").click();

    browser.await(Duration.ofSeconds(40), "the view counted", d -> "1 view".equals(browser.find("#video-views").getText()));
  }
}
