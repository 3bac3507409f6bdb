package io.kinora.ui;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comments section of the watch page in Chromium: comment, reply, edit and delete as a person
 * would (keyboard and buttons), links made clickable without HTML, and a comment posted by someone
 * else through the API appearing on the open page without a reload.
 */
@KinoraTest(group = KinoraTest.SOCIAL_PAGES)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CommentsUiIT {

  static KinoraClient client;
  static TestNode node;

  private static Browser browser;
  private static KinoraClient alice;

  @BeforeAll
  static void start() throws Exception {
    alice = KinoraClient.signedUp(client.vertx(), node.httpPort());
    browser = Browser.start();
    browser.signIn(node.baseUrl(), alice.browserSession());
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void commentReplyEditAndDeleteInTheBrowser() throws Exception {
    String video = newVideo(alice);
    openWatchPage(video);
    assertEquals("0 comments", browser.find("#comments-heading").getText());

    browser.find("#comment-text").sendKeys("Nice one, see https://example.com/more. <b>not bold</b>");
    browser.find("#comment-submit").click();
    WebElement comment = browser.await("the new comment", d -> first(".comment-list > .comment"));
    String id = comment.getAttribute("data-id");
    assertEquals("1 comment", browser.find("#comments-heading").getText());
    WebElement text = comment.findElement(By.className("comment-text"));
    assertEquals("Nice one, see https://example.com/more. <b>not bold</b>", text.getText());
    WebElement link = text.findElement(By.tagName("a"));
    assertEquals("https://example.com/more", link.getAttribute("href"));
    assertEquals("nofollow noopener noreferrer", link.getAttribute("rel"));
    assertEquals("_blank", link.getAttribute("target"));
    assertTrue(text.findElements(By.tagName("b")).isEmpty(), "text is never HTML");
    assertEquals("", browser.find("#comment-text").getAttribute("value"));

    // reply: an inline form under the comment; the thread opens with it
    comment.findElement(By.className("comment-reply")).click();
    WebElement replyField = browser.await("the reply form", d -> first(".reply-form textarea"));
    assertEquals(replyField, browser.driver.switchTo().activeElement(), "the reply field has the focus");
    replyField.sendKeys("And a reply");
    browser.find(".reply-form button[type='submit']").click();
    WebElement reply = browser.await("the reply", d -> first("#comment-" + id + " .reply-list > .comment"));
    assertEquals("And a reply", reply.findElement(By.className("comment-text")).getText());
    assertEquals("2 comments", browser.find("#comments-heading").getText());
    assertEquals("Hide replies", browser.find("#comment-" + id + " .replies-toggle").getText());
    browser.screenshot("comments-thread");

    // edit the top comment
    browser.find("#comment-" + id + " > .comment-main > .comment-actions .comment-edit").click();
    WebElement editField = browser.await("the edit form", d -> first(".edit-form textarea"));
    editField.clear();
    editField.sendKeys("Edited words");
    browser.find(".edit-form button[type='submit']").click();
    browser.await("the edited text", d -> "Edited words".equals(
        browser.find("#comment-" + id + " > .comment-main > .comment-text").getText()));
    assertTrue(browser.find("#comment-" + id + " .comment-edited").isDisplayed());

    // deleting the comment with a reply leaves a placeholder; deleting the reply then removes both
    browser.find("#comment-" + id + " > .comment-main > .comment-actions .comment-delete").click();
    confirm();
    browser.await("the placeholder", d -> browser.find("#comment-" + id).getAttribute("class").contains("deleted"));
    assertEquals("This comment was deleted.", browser.find("#comment-" + id + " > .comment-main > .comment-text").getText());
    assertEquals("1 comment", browser.find("#comments-heading").getText());
    String replyId = reply.getAttribute("data-id");
    browser.find("#comment-" + replyId + " .comment-delete").click();
    confirm();
    browser.await("the reply gone", d -> browser.driver.findElements(By.id("comment-" + replyId)).isEmpty());
    assertEquals("0 comments", browser.find("#comments-heading").getText());

    // what the page shows is what the server has
    browser.driver.navigate().refresh();
    browser.await("the reloaded section", d -> first("#comments-heading"));
    browser.await("the list", d -> "0 comments".equals(browser.find("#comments-heading").getText()));
    assertTrue(browser.driver.findElements(By.cssSelector(".comment-list > .comment")).isEmpty());
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }

  @Test
  void aCommentFromSomeoneElseAppearsLiveOnceOnly() throws Exception {
    String video = newVideo(alice);
    openWatchPage(video);
    browser.await("the live stream", d -> "open".equals(browser.find("#comments").getAttribute("data-live")));
    KinoraClient bob = KinoraClient.signedUp(client.vertx(), node.httpPort());

    HttpResponse<Buffer> posted = bob.postJson("/api/videos/" + video + "/comments", new JsonObject().put("text", "Hello live"));
    assertEquals(201, posted.statusCode(), posted.bodyAsString());
    String id = posted.bodyAsJsonObject().getString("id");

    WebElement live = browser.await("the live comment", d -> first("#comment-" + id));
    assertEquals("Hello live", live.findElement(By.className("comment-text")).getText());
    assertEquals(bob.username(), live.findElement(By.className("comment-author")).getText());
    assertEquals("1 comment", browser.find("#comments-heading").getText());
    // alice owns the video: she may delete bob's comment but not edit it
    assertFalse(live.findElements(By.className("comment-delete")).isEmpty());
    assertTrue(live.findElements(By.className("comment-edit")).isEmpty());

    // her own comment arrives twice (the answer and the stream) and is shown once
    browser.find("#comment-text").sendKeys("Mine");
    browser.find("#comment-submit").click();
    browser.await("two comments", d -> "2 comments".equals(browser.find("#comments-heading").getText()));

    // an edit and a deletion elsewhere show up too
    bob.patchJson("/api/comments/" + id, new JsonObject().put("text", "Hello again"));
    browser.await("the live edit", d -> "Hello again".equals(
        browser.find("#comment-" + id + " .comment-text").getText()));
    // the stream sent her comment before that edit, so its copy has arrived by now
    assertEquals(2, browser.driver.findElements(By.cssSelector(".comment-list > .comment")).size(),
        "her own comment shown once");
    bob.delete("/api/comments/" + id);
    browser.await("the live deletion", d -> browser.driver.findElements(By.id("comment-" + id)).isEmpty());
    assertEquals("1 comment", browser.find("#comments-heading").getText());
  }

  @Test
  void theOwnerTurnsCommentsOffAndOnAndItFitsAPhone() throws Exception {
    String video = newVideo(alice);
    browser.emulatePhone(true);
    try {
      openWatchPage(video);
      browser.find("#comments-switch").click();
      browser.await("comments off", d -> first("#comments-off"));
      assertEquals("Turn comments on", browser.find("#comments-switch").getText());
      assertFalse(alice.video(video).getBoolean("commentsEnabled"));
      assertTrue(browser.number("return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0,
          "no sideways scrolling on a phone");
      browser.screenshot("comments-phone");
      browser.find("#comments-switch").click();
      browser.await("the form back", d -> first("#comment-text"));
      assertTrue(alice.video(video).getBoolean("commentsEnabled"));
    } finally {
      browser.emulatePhone(false);
    }
  }

  @Test
  void aSignedOutVisitorReadsTheCommentsAndIsOfferedASignIn() throws Exception {
    String video = newVideo(alice);
    HttpResponse<Buffer> posted = alice.postJson("/api/videos/" + video + "/comments",
        new JsonObject().put("text", "Read me"));
    assertEquals(201, posted.statusCode(), posted.bodyAsString());
    browser.driver.manage().deleteAllCookies();
    try {
      openWatchPage(video);
      WebElement comment = browser.await("the comment", d -> first(".comment-list > .comment"));
      assertEquals("Read me", comment.findElement(By.className("comment-text")).getText());
      assertTrue(comment.findElements(By.tagName("button")).stream().noneMatch(WebElement::isDisplayed),
          "nothing to do without a sign-in");
      assertTrue(browser.driver.findElements(By.id("comment-text")).isEmpty());
      assertTrue(browser.find("#comments-signin").getAttribute("href").contains("next=%2Fwatch%2F" + video));
    } finally {
      browser.signIn(node.baseUrl(), alice.browserSession());
    }
  }

  private static void openWatchPage(String video) {
    browser.driver.get(node.baseUrl() + "/watch/" + video);
    browser.await("the comments section", d -> first("#comments-heading"));
    browser.await("the first page", d -> !browser.find("#comments-heading").getText().isEmpty());
  }

  private static void confirm() {
    browser.await("the confirmation", d -> first("dialog[open] [data-confirm]")).click();
    browser.await("the dialog closed", d -> browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty());
  }

  /** The first element matching, or null (so await keeps waiting). */
  private static WebElement first(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0);
  }

  /** A record awaiting its upload: the watch page says so, and its comments work all the same. */
  private static String newVideo(KinoraClient owner) {
    HttpResponse<Buffer> made = owner.postJson("/api/uploads",
        new JsonObject().put("filename", "c.mp4").put("size", 1000).put("visibility", "unlisted"));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    return made.bodyAsJsonObject().getString("id");
  }
}
