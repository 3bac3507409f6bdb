package io.kinora.ui;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account pages in a real Chromium against a whole node on an empty Redis: the first sign-up
 * makes the administrator, the account menu with its quota bar, sign-out and sign-in (and a
 * wrong password), a taken name, API tokens shown once and revoked, an ended session sending
 * people to sign in, uploads with a visibility (who can list and watch them, titles as text),
 * the admin page (and its refusal for others), an upload over the quota, a browser given only
 * the session cookies, closed sign-up, and every page on a 320 px screen. After every
 * test: no console error but the ones a test expects, and no Content-Security-Policy violation.
 */
@Tag("long")
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class AccountUiIT {

  private static final String ADMIN = "alice";
  private static final String USER = "bob";
  private static final String PASSWORD = "correct horse battery";
  private static final String PAGES_WITH_ACCOUNT = "/, /tokens, /admin";
  private static final String HTML_TITLE = "<img src=x onerror=alert(1)> & <b>Private</b> clip";

  /** Records CSP violations on every page from its first script on (DevTools scripts are exempt from CSP). */
  private static final String CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', "
      + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));";

  private static RedisServer redis;
  private static TestNode node;
  /** Signed out; requests with a bearer token name it themselves. */
  private static KinoraClient client;
  private static Browser browser;
  private static String base;

  @TempDir
  static Path clips;
  /** An unlisted video of alice's, ready, once the visibility test made it. */
  private static String unlisted;

  /** Console lines a test expects, each as fragments that must all appear (e.g. a 401 it provoked). */
  private final List<List<String>> expectedErrors = new ArrayList<>();

  /**
   * A node of its own on an empty Redis, not the run's shared {@code @KinoraTest} node: that one
   * already has its first account, and this class starts with none.
   */
  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    redis = RedisServer.start();
    node = TestNode.start(vertx, redis, Map.of());
    client = new KinoraClient(vertx, node.httpPort());
    base = client.baseUrl();
    browser = Browser.start();
    browser.driver.executeCdpCommand("Page.enable", Map.of());
    browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
  }

  @AfterAll
  static void stop() throws Exception {
    try (RedisServer r = redis; TestNode n = node) {
      if (browser != null) {
        browser.close();
      }
      if (client != null) {
        client.close();
      }
    }
  }

  @AfterEach
  void noConsoleErrorsAndNoCspViolations() {
    assertNoCspViolations();
    List<String> unexpected = browser.consoleErrors().stream()
        .filter(line -> expectedErrors.stream().noneMatch(parts -> parts.stream().allMatch(line::contains)))
        .toList();
    assertEquals(List.of(), unexpected, "console errors");
  }

  @Test
  @Order(1)
  void signingUpOnAnEmptyServerMakesTheAdministrator() throws Exception {
    browser.driver.get(base + "/");
    await("the public home", ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
    assertEquals("signed-out", browser.find("#account-nav").getAttribute("data-state"));
    assertFalse(browser.find("#upload-panel").isDisplayed(), "no upload area signed out");
    assertEquals("Public videos", browser.find("#library-heading").getText());
    assertNoCspViolations();
    browser.find("#account-nav .button").click(); // Sign up

    await("the sign-up page", d -> d.getCurrentUrl().equals(base + "/signup"));
    WebElement first = await("it says the account becomes the administrator",
        ExpectedConditions.visibilityOfElementLocated(By.id("first-account")));
    assertTrue(first.getText().contains("becomes its administrator"), first.getText());
    assertEquals("Create the administrator account", browser.find("#signup-heading").getText());
    browser.screenshot("signup-first-account");

    browser.find("#username").sendKeys(ADMIN);
    browser.find("#password").sendKeys("too short");
    browser.find("#signup-submit").click();
    assertEquals("A password has at least 10 characters; a short sentence works well.", browser.find("#signup-error").getText());
    assertEquals("true", browser.find("#password").getAttribute("aria-invalid"));
    assertEquals("password", browser.js("return document.activeElement.id"));
    browser.find("#password").clear();
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("#signup-submit").click();

    awaitHome();
    assertEquals("signed-in", browser.find("#account-nav").getAttribute("data-state"));
    String notice = browser.find("#notice").getText();
    assertTrue(notice.contains("Welcome, alice. You are the administrator of this Kinora"), notice);
    assertTrue(browser.find("#upload-panel").isDisplayed());
    assertEquals("My videos", browser.find("#library-heading").getText());
    assertFalse(browser.find("#welcome").isDisplayed());
    assertEquals("My videos · Kinora", browser.driver.getTitle());
    assertTrue(browser.find("#account-button").getText().contains(ADMIN));
  }

  @Test
  @Order(2)
  void theAccountMenuShowsTheNameTheQuotaBarAndTheLinks() throws Exception {
    WebElement button = browser.find("#account-button");
    assertEquals("false", button.getAttribute("aria-expanded"));
    assertEquals("alice, account menu", button.getAttribute("aria-label"));
    button.click();
    WebElement panel = await("the menu", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
    assertEquals("true", button.getAttribute("aria-expanded"));
    assertEquals("Signed in as alice\nAdministrator", panel.findElement(By.className("account-who")).getText());
    assertEquals("0 bytes of 10 GiB used", panel.findElement(By.className("meter-text")).getText());
    WebElement meter = panel.findElement(By.cssSelector("[role=meter]"));
    assertEquals("0", meter.getAttribute("aria-valuenow"));
    assertEquals("0 bytes of 10 GiB used", meter.getAttribute("aria-valuetext"));
    assertEquals("Storage used", meter.getAttribute("aria-label"));
    assertEquals("10 GiB left", panel.findElement(By.className("usage-left")).getText());
    assertEquals(List.of("My videos", "My channel", "Feed", "API tokens", "Webhooks", "Admin"), texts(".account-links a"));
    assertEquals(List.of("/", "/@alice", "/feed", "/tokens", "/webhooks", "/admin"), browser.driver.findElements(By.cssSelector(".account-links a")).stream()
        .map(a -> a.getAttribute("href").substring(base.length())).toList());
    assertEquals("page", browser.find(".account-links a[href='/']").getAttribute("aria-current"));
    browser.screenshot("account-menu");
    darkScreenshot("account-menu-dark");

    browser.find("#account-panel a[href='/tokens']").sendKeys(Keys.ESCAPE);
    await("closed by Escape", ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
    assertEquals("account-button", browser.js("return document.activeElement.id"), "focus back on the menu button");
    assertEquals("solid", browser.js("return getComputedStyle(document.activeElement).outlineStyle"), "a visible focus ring");
    button.click();
    await("open again", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
    browser.find("#library-heading").click();
    await("closed by a click elsewhere", ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
  }

  @Test
  @Order(3)
  void signOutShowsThePublicHomeAndAWrongPasswordSaysSo() throws Exception {
    signOut();
    assertEquals("You are signed out.", browser.find("#notice").getText());
    assertTrue(browser.find("#welcome").isDisplayed());
    assertFalse(browser.find("#upload-panel").isDisplayed());
    assertNull(browser.driver.manage().getCookieNamed("kinora_session"));
    assertNull(browser.driver.manage().getCookieNamed("XSRF-TOKEN"));
    assertEquals(List.of("Sign in", "Sign up"), texts("#account-nav a"));
    browser.screenshot("public-home");

    browser.driver.findElement(By.linkText("Sign in")).click();
    await("the sign-in page", d -> d.getCurrentUrl().equals(base + "/signin"));
    await("focus in the username field", d -> "username".equals(browser.js("return document.activeElement.id")));
    expectConsoleError("/api/session", "401");
    browser.find("#username").sendKeys(ADMIN);
    browser.find("#password").sendKeys("not the password");
    browser.find("#signin-submit").click();
    WebElement error = await("the server's sentence", ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertEquals("Wrong username or password.", error.getText());
    assertEquals("alert", error.getAttribute("role"));
    assertEquals("", browser.find("#password").getAttribute("value"), "the wrong password is cleared");
    assertEquals("password", browser.js("return document.activeElement.id"));
    browser.screenshot("signin-wrong-password");

    browser.find("#password").sendKeys(PASSWORD);
    browser.find("#signin-submit").click();
    awaitHome();
    assertEquals("signed-in", browser.find("#account-nav").getAttribute("data-state"));
  }

  @Test
  @Order(4)
  void aTakenNameGetsTheServersSentenceAndASecondAccountIsAnOrdinaryUser() {
    signOut();
    browser.driver.get(base + "/signup");
    await("the form", ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
    assertFalse(browser.find("#first-account").isDisplayed(), "the administrator exists now");
    assertEquals("Create an account", browser.find("#signup-heading").getText());
    expectConsoleError("/api/account", "409");
    browser.find("#username").sendKeys(ADMIN);
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("#signup-submit").click();
    WebElement error = await("taken", ExpectedConditions.visibilityOfElementLocated(By.id("signup-error")));
    assertEquals("The username 'alice' is taken; choose another.", error.getText());
    assertEquals("true", browser.find("#username").getAttribute("aria-invalid"));

    browser.find("#username").clear();
    browser.find("#username").sendKeys(USER);
    browser.find("#signup-submit").click();
    awaitHome();
    assertTrue(browser.find("#notice").getText().startsWith("Welcome, bob. Your account is ready"));
    browser.find("#account-button").click();
    assertEquals(List.of("My videos", "My channel", "Feed", "API tokens", "Webhooks"), texts(".account-links a"),
        "no Admin link for a user");
    assertEquals("Signed in as bob", browser.find(".account-who").getText());
  }

  @Test
  @Order(5)
  void theAdminPageTellsOthersTheyNeedToBeAnAdministrator() throws Exception {
    browser.driver.get(base + "/admin");
    WebElement refusal = await("the refusal", ExpectedConditions.visibilityOfElementLocated(By.id("not-admin")));
    assertTrue(refusal.getText().contains("You need to be an administrator to manage accounts."), refusal.getText());
    assertFalse(browser.find("#users-panel").isDisplayed());
    browser.screenshot("admin-not-admin");
  }

  @Test
  @Order(6)
  void pagesThatNeedAnAccountSendSignedOutPeopleToSignInAndBack() {
    signOut();
    browser.driver.get(base + "/tokens");
    await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("/tokens", query("next"));
    await("the reason shown", d -> !browser.find("#signin-reason").getText().isEmpty());
    assertEquals("Sign in to see that page.", browser.find("#signin-reason").getText());
    signInHere(ADMIN);
    await("back on the tokens page", d -> d.getCurrentUrl().equals(base + "/tokens"));
    await("the list", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
  }

  @Test
  @Order(7)
  void anApiTokenIsShownOnceWithACurlExampleAndCanBeRevoked() throws Exception {
    browser.driver.get(base + "/tokens");
    await("no tokens yet", ExpectedConditions.visibilityOfElementLocated(By.id("tokens-empty")));
    String placeholder = "curl -H \"Authorization: Bearer <token>\" -F file=@clip.mp4 " + base + "/api/videos";
    assertEquals(placeholder, browser.find("#curl-example").getAttribute("value"));

    browser.find("#token-create").click();
    assertEquals("Give the token a name, such as where it will be used.", browser.find("#token-error").getText());
    browser.find("#token-name").sendKeys("Laptop <b>script</b>");
    browser.find("#token-create").click();
    WebElement shown = await("the new token", ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));
    String token = browser.find("#new-token-value").getAttribute("value");
    assertTrue(token.startsWith("kinora_") && token.length() > 30, token);
    assertEquals("new-token-value", browser.js("return document.activeElement.id"), "focus on the token, selected");
    assertEquals("New token “Laptop <b>script</b>”", browser.find("#new-token-heading").getText(), "names are text, never HTML");
    assertTrue(shown.getText().contains("Copy it now: it will not be shown again."), shown.getText());
    assertEquals(placeholder.replace("<token>", token), browser.find("#curl-example").getAttribute("value"));
    assertEquals(List.of("Laptop <b>script</b>"), texts(".token-name"));
    assertEquals("Created just now", browser.find(".token-date").getText());
    assertEquals("1 token", browser.find("#token-count").getText());

    browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of(
        "origin", base, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    browser.find("#copy-token").click();
    await("copied", d -> "true".equals(browser.find("#copy-token").getAttribute("data-copied")));
    assertEquals(token, browser.driver.executeAsyncScript(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))"));
    browser.screenshot("tokens-new");
    darkScreenshot("tokens-new-dark");

    HttpResponse<Buffer> me = client.get("/api/me", "Authorization", "Bearer " + token);
    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals(ADMIN, me.bodyAsJsonObject().getString("username"));

    browser.find("#new-token-done").click();
    assertFalse(browser.find("#new-token").isDisplayed());
    assertFalse(browser.driver.getPageSource().contains(token), "the token left the page");
    assertEquals(placeholder, browser.find("#curl-example").getAttribute("value"));
    browser.driver.navigate().refresh();
    await("the list again", d -> texts(".token-name").size() == 1);
    assertFalse(browser.driver.getPageSource().contains(token), "never shown again");

    browser.find("[data-action=revoke]").click();
    WebElement dialog = await("the confirmation", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    assertEquals("Revoke “Laptop <b>script</b>”?", dialog.findElement(By.tagName("h2")).getText());
    assertTrue(dialog.getText().contains("stop working at once"), dialog.getText());
    assertEquals("Cancel", browser.js("return document.activeElement.textContent"), "Cancel is focused first");
    browser.screenshot("tokens-revoke-confirmation");
    dialog.findElement(By.xpath(".//button[text()='Cancel']")).click();
    await("cancelled", d -> d.findElements(By.cssSelector("dialog.confirm-dialog")).isEmpty());
    assertEquals(200, client.get("/api/me", "Authorization", "Bearer " + token).statusCode(), "cancel keeps the token");

    browser.find("[data-action=revoke]").click();
    await("the confirmation again", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    browser.find("dialog.confirm-dialog [data-confirm]").click();
    await("the row is gone", ExpectedConditions.visibilityOfElementLocated(By.id("tokens-empty")));
    assertEquals(List.of(), texts(".token-name"));
    assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + token).statusCode(), "revoked");
    await("a toast", d -> browser.find("#toasts").getText().contains("Revoked"));
  }

  @Test
  @Order(8)
  void aSessionThatEndsSendsThePersonToSignInWithAMessageAndBack() throws Exception {
    browser.driver.get(base + "/tokens");
    await("the page", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
    browser.driver.manage().deleteCookieNamed("kinora_session"); // as if the server had expired it
    expectConsoleError("/api/me/tokens", "401");
    browser.find("#token-name").sendKeys("Too late");
    browser.find("#token-create").click();
    await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("expired", query("reason"));
    assertEquals("/tokens", query("next"));
    // the sign-in page writes its reason once its script ran: wait for it (a loaded machine is slow)
    await("the reason shown", d -> !browser.find("#signin-reason").getText().isEmpty());
    assertEquals("Your session has ended. Sign in again to carry on where you were.", browser.find("#signin-reason").getText());
    browser.screenshot("signin-session-ended");
    signInHere(ADMIN);
    await("back where they were", d -> d.getCurrentUrl().equals(base + "/tokens")
        && "false".equals(browser.find("#main").getAttribute("aria-busy")));

    // a page opened later with only the leftover XSRF cookie finds the session gone and says so too
    browser.driver.manage().deleteCookieNamed("kinora_session");
    expectConsoleError("/api/me", "401");
    browser.driver.get(base + "/");
    await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("expired", query("reason"));
    assertNull(browser.driver.manage().getCookieNamed("XSRF-TOKEN"), "the leftover cookie is removed");
    signInHere(ADMIN);
    awaitHome();
  }

  @Test
  @Order(9)
  void signInOnlyGoesBackToPagesOfThisSite() {
    // as they would arrive in a link: a tab or a backslash becomes "//" once the browser reads it
    for (String next : List.of("/%09/example.org", "//example.org/x", "/%5Cexample.org", "/%5C/example.org",
        "https://example.org/", "javascript:alert(1)", "/%0A/example.org")) {
      signOut();
      browser.driver.get(base + "/signin?next=" + next);
      await("the form", ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
      signInHere(ADMIN);
      awaitHome();
      assertEquals(base + "/", browser.driver.getCurrentUrl(), "next=" + next);
    }
  }

  @Test
  @Order(10)
  void uploadsGetAVisibilityThatDecidesWhoCanWatch() throws Exception {
    Path privateClip = Clips.mp4(clips, "private.mp4", 320, 240, 3);
    Path linkClip = Clips.mp4(clips, "link.mp4", 320, 240, 3);
    Path openClip = Clips.mp4(clips, "open.mp4", 320, 240, 3);
    browser.driver.get(base + "/");
    awaitHome();
    browser.find("#file-input").sendKeys(privateClip.toAbsolutePath() + "\n" + linkClip.toAbsolutePath() + "\n" + openClip.toAbsolutePath());
    await("three pending items", d -> d.findElements(By.cssSelector(".upload-item[data-stage=pending]")).size() == 3);
    List<WebElement> items = browser.driver.findElements(By.cssSelector(".upload-item"));
    for (WebElement item : items) {
      assertEquals("unlisted", item.findElement(By.cssSelector(".visibility-choice input:checked")).getAttribute("value"), "the default");
      assertEquals(List.of("Private", "Unlisted", "Public"), item.findElements(By.cssSelector(".visibility-option label")).stream()
          .map(WebElement::getText).toList());
    }
    WebElement unlistedHint = items.get(0).findElement(By.cssSelector("[data-visibility=unlisted] .visibility-hint"));
    assertEquals(unlistedHint.getAttribute("id"), items.get(0).findElement(By.cssSelector("[data-visibility=unlisted] input"))
        .getAttribute("aria-describedby"), "each choice is described by its one-line explanation");
    WebElement title = items.get(0).findElement(By.cssSelector("input[type=text]"));
    title.clear();
    title.sendKeys(HTML_TITLE);
    // the whole card picks it: a click on its explanation lands on the label stretched over the card
    new Actions(browser.driver).moveToElement(items.get(0).findElement(By.cssSelector("[data-visibility=private] .visibility-hint")))
        .click().perform();
    items.get(2).findElement(By.cssSelector("[data-visibility=public] label")).click();
    assertEquals("private", items.get(0).findElement(By.cssSelector(".visibility-choice input:checked")).getAttribute("value"));
    browser.js("arguments[0].scrollIntoView()", items.get(0));
    browser.screenshot("upload-visibility");
    browser.find("#upload-start").click();
    await(KinoraClient.PROCESSING, "all three ready", d -> d.findElements(By.cssSelector(".upload-item")).stream()
        .allMatch(i -> "ready".equals(i.getAttribute("data-stage"))));
    String privateId = items.get(0).getAttribute("data-video-id");
    String linkId = items.get(1).getAttribute("data-video-id");
    unlisted = linkId;
    String openId = items.get(2).getAttribute("data-video-id");
    JsonObject record = json(client.get("/api/videos/" + privateId, "Cookie", browserCookies()));
    assertEquals("private", record.getString("visibility"));
    assertEquals(HTML_TITLE, record.getString("title"));
    assertEquals(ADMIN, record.getJsonObject("owner").getString("username"));
    assertEquals("public", json(client.get("/api/videos/" + openId, "Cookie", browserCookies())).getString("visibility"));

    browser.driver.navigate().refresh(); // a library that no longer reloads itself as uploads finish
    awaitHome();
    await("the three rows", d -> d.findElements(By.cssSelector(".video-row[data-status=ready]")).size() == 3);
    assertEquals("Private", row(privateId).findElement(By.cssSelector(".badge.visibility")).getText());
    assertEquals("Unlisted", row(linkId).findElement(By.cssSelector(".badge.visibility")).getText());
    assertEquals("Public", row(openId).findElement(By.cssSelector(".badge.visibility")).getText());
    assertEquals(HTML_TITLE, row(privateId).findElement(By.className("video-title")).getText(), "a title is text, never HTML");
    assertEquals(0, browser.driver.findElements(By.cssSelector(".video-title img, .video-title b")).size());
    browser.find("#account-button").click();
    await("the quota bar counts the uploads", d -> !browser.find("#account-panel .meter-text").getText().startsWith("0 bytes"));
    assertTrue(Double.parseDouble(browser.find("#account-panel [role=meter]").getAttribute("aria-valuenow")) >= 0);
    browser.find("#account-button").click();
    browser.js("document.getElementById('library-heading').scrollIntoView()");
    browser.screenshot("my-videos-visibility");
    darkScreenshot("my-videos-visibility-dark");

    // signed out: the public catalogue lists only the public one; an unlisted link plays
    signOut();
    await("the public video listed", d -> d.findElements(By.cssSelector(".video-row[data-id='" + openId + "']")).size() == 1);
    assertEquals(1, browser.driver.findElements(By.cssSelector(".video-row")).size(), "only public videos");
    assertTrue(row(openId).findElement(By.className("video-meta")).getText().startsWith("By alice"));
    assertEquals(0, row(openId).findElements(By.cssSelector("[data-action]")).size(), "no edit or delete for visitors");
    browser.screenshot("public-home-listed");

    browser.driver.get(base + "/watch/" + linkId);
    await("the player", d -> d.findElements(By.cssSelector("#quality option")).size() > 1);
    assertEquals("Unlisted", browser.find("#video-visibility").getText());
    assertTrue(browser.find("#video-meta").getText().startsWith("By alice · Uploaded"), browser.find("#video-meta").getText());
    new Actions(browser.driver).sendKeys("k").perform();
    await(Duration.ofSeconds(30), "it plays signed out", d -> Boolean.FALSE.equals(browser.js("return document.getElementById('video').paused"))
        && browser.number("return document.getElementById('video').currentTime") > 0.3);

    expectConsoleError("/api/videos/" + privateId, "404");
    browser.driver.get(base + "/watch/" + privateId);
    await("not found", d -> browser.find("#video-title").getText().equals("Video not found"));
    assertTrue(browser.find("#player-message").getText().contains("If it is yours, sign in to watch it."));
    assertFalse(browser.driver.getPageSource().contains("Private</b> clip"), "nothing of the private video shows");
    browser.find("#player-message a").click(); // Sign in, as someone else
    signInHere(USER);
    await("back on the watch page", d -> d.getCurrentUrl().equals(base + "/watch/" + privateId)
        && "signed-in".equals(browser.find("#account-nav").getAttribute("data-state")));
    await("still not found for bob", d -> browser.find("#player-message").getText().contains("private to someone else"));
    browser.driver.get(base + "/");
    awaitHome();
    await("bob's own library", d -> "false".equals(browser.find("#library-list").getAttribute("aria-busy")));
    assertEquals("0 videos", browser.find("#library-count").getText(), "alice's videos are not bob's");

    // the edit dialog changes the visibility
    signOut();
    browser.driver.get(base + "/signin");
    signInHere(ADMIN);
    awaitHome();
    await("the rows", d -> d.findElements(By.cssSelector(".video-row")).size() == 3);
    row(openId).findElement(By.cssSelector("[data-action=edit]")).click();
    WebElement dialog = await("the edit dialog", ExpectedConditions.visibilityOfElementLocated(By.id("edit-dialog")));
    assertEquals("public", dialog.findElement(By.cssSelector(".visibility-choice input:checked")).getAttribute("value"));
    dialog.findElement(By.cssSelector("[data-visibility=private] label")).click();
    browser.screenshot("edit-visibility");
    browser.find("#edit-save").click();
    await("the badge says private", d -> row(openId).findElement(By.cssSelector(".badge.visibility")).getText().equals("Private"));
    assertEquals("private", json(client.get("/api/videos/" + openId, "Cookie", browserCookies())).getString("visibility"));
    assertEquals(404, client.get("/api/videos/" + openId).statusCode(), "strangers no longer see it");
  }

  @Test
  @Order(11)
  void theAdminPageChangesQuotaRoleAndStateAndDeletesAccounts() throws Exception {
    browser.driver.get(base + "/admin");
    await("the accounts", d -> d.findElements(By.cssSelector(".user-row")).size() == 2);
    assertEquals("2 accounts", browser.find("#users-count").getText());
    WebElement self = userRow(ADMIN);
    assertTrue(self.getText().contains("alice (you)"), self.getText());
    assertEquals(0, self.findElements(By.cssSelector("[data-action]")).size(), "no disabling or deleting oneself");
    assertFalse(self.findElement(By.tagName("select")).isEnabled(), "no demoting oneself");
    WebElement bob = userRow(USER);
    assertEquals("Active", bob.findElement(By.className("badge")).getText());
    assertEquals("0 bytes of 10 GiB used", bob.findElement(By.className("meter-text")).getText());
    assertEquals("10", bob.findElement(By.cssSelector("input[type=number]")).getAttribute("value"));
    browser.screenshot("admin-users");
    darkScreenshot("admin-users-dark");

    WebElement quota = bob.findElement(By.cssSelector("input[type=number]"));
    quota.clear();
    quota.sendKeys("0");
    bob.findElement(By.cssSelector(".quota-form button")).click();
    assertEquals("Give the quota as a number of GiB greater than zero, such as 10 or 2.5.", bob.findElement(By.className("row-error")).getText());
    quota.clear();
    quota.sendKeys("2.5", Keys.ENTER);
    await("the new quota", d -> userRow(USER).findElement(By.className("meter-text")).getText().equals("0 bytes of 2.5 GiB used"));
    await("a toast", d -> browser.find("#toasts").getText().contains("bob may now store 2.5 GiB."));
    assertEquals(userRow(USER).findElement(By.cssSelector("input[type=number]")).getAttribute("id"),
        browser.js("return document.activeElement.id"), "focus stays on the quota field");

    new Select(userRow(USER).findElement(By.tagName("select"))).selectByValue("admin");
    await("bob is an administrator", d -> "admin".equals(userRow(USER).findElement(By.tagName("select")).getAttribute("value"))
        && browser.find("#toasts").getText().contains("bob is now an administrator."));
    new Select(userRow(USER).findElement(By.tagName("select"))).selectByValue("user");
    await("bob is a user again", d -> browser.find("#toasts").getText().contains("bob is now a user."));

    userRow(USER).findElement(By.cssSelector("[data-action=disable]")).click();
    WebElement dialog = await("the confirmation", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    assertEquals("Disable bob?", dialog.findElement(By.tagName("h2")).getText());
    browser.find("dialog.confirm-dialog [data-confirm]").click();
    await("disabled", d -> "Disabled".equals(userRow(USER).findElement(By.className("badge")).getText()));
    assertEquals("Enable", userRow(USER).findElement(By.cssSelector("[data-action=enable]")).getText());
    assertEquals(401, signInOverHttp(USER), "a disabled account cannot sign in");
    userRow(USER).findElement(By.cssSelector("[data-action=enable]")).click();
    await("enabled", d -> "Active".equals(userRow(USER).findElement(By.className("badge")).getText()));
    assertEquals(200, signInOverHttp(USER));

    userRow(USER).findElement(By.cssSelector("[data-action=delete]")).click();
    dialog = await("the confirmation", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    assertEquals("Delete bob?", dialog.findElement(By.tagName("h2")).getText());
    assertTrue(dialog.getText().contains("every video it uploaded") && dialog.getText().contains("cannot be undone"), dialog.getText());
    browser.screenshot("admin-delete-confirmation");
    browser.find("dialog.confirm-dialog [data-confirm]").click();
    await("bob is gone", d -> d.findElements(By.cssSelector(".user-row")).size() == 1);
    assertEquals("1 account", browser.find("#users-count").getText());
    assertEquals(401, signInOverHttp(USER));
  }

  @Test
  @Order(12)
  void anUploadOverTheQuotaIsRefusedWithTheServersSentenceAndTheBarWarns() throws Exception {
    browser.driver.get(base + "/admin");
    await("alice's row", d -> userRow(ADMIN) != null);
    WebElement quota = userRow(ADMIN).findElement(By.cssSelector("input[type=number]"));
    quota.clear();
    quota.sendKeys("0.001", Keys.ENTER); // 1 MiB, of which alice's three clips take most
    await("the new quota", d -> userRow(ADMIN).findElement(By.className("meter-text")).getText().endsWith("of 1 MiB used"));
    try {
      browser.driver.get(base + "/");
      awaitHome();
      browser.find("#account-button").click();
      WebElement meter = await("the bar", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#account-panel [role=meter]")));
      assertEquals("high", meter.getAttribute("data-level"), "over 90% used: " + meter.getAttribute("aria-valuenow"));
      browser.screenshot("account-menu-quota-high");
      browser.find("#account-button").click();

      expectConsoleError("/api/uploads", "413");
      browser.find("#file-input").sendKeys(Clips.mp4(clips, "link.mp4", 320, 240, 3).toAbsolutePath().toString());
      await("a pending item", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".upload-item[data-stage=pending]")));
      browser.find("#upload-start").click();
      WebElement item = await("refused", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".upload-item[data-stage=refused]")));
      String error = item.findElement(By.className("upload-error")).getText();
      assertTrue(error.startsWith("Not uploaded. This 318.4 KiB upload does not fit in your storage quota: ")
          && error.contains(" left. "), error);
      browser.screenshot("upload-over-quota");
    } finally {
      browser.driver.get(base + "/admin");
      await("alice's row", d -> userRow(ADMIN) != null);
      WebElement back = userRow(ADMIN).findElement(By.cssSelector("input[type=number]"));
      back.clear();
      back.sendKeys("10", Keys.ENTER);
      await("the quota back", d -> userRow(ADMIN).findElement(By.className("meter-text")).getText().endsWith("of 10 GiB used"));
    }
  }

  /** What a browser test needs to act as someone: the two cookies of a sign-up made over HTTP. */
  @Test
  @Order(13)
  void aBrowserGivenTheTwoSessionCookiesIsSignedInAndItsWritesCarryTheCsrfHeader() {
    HttpResponse<Buffer> signedUp = client.postJson("/api/account",
        new JsonObject().put("username", "carol").put("password", PASSWORD));
    assertEquals(201, signedUp.statusCode(), signedUp.bodyAsString());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get(base + "/signin"); // cookies are set on a page of the origin
    for (String name : List.of("kinora_session", "XSRF-TOKEN")) {
      browser.driver.manage().addCookie(new Cookie(name, setCookie(signedUp, name), "/"));
    }
    browser.driver.get(base + "/");
    awaitHome();
    assertEquals("carol, account menu", browser.find("#account-button").getAttribute("aria-label"));
    assertTrue(browser.find("#upload-panel").isDisplayed());

    browser.driver.get(base + "/tokens");
    await("the page", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
    browser.find("#token-name").sendKeys("From a test");
    browser.find("#token-create").click();
    await("a token: the POST carried X-XSRF-TOKEN", ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));

    signOut();
    browser.driver.get(base + "/signin");
    signInHere(ADMIN);
    awaitHome();
  }

  @Test
  @Order(14)
  void everyAccountPageHasLabelledControlsAndFitsA320PixelScreen() throws Exception {
    List<String> watch = unlisted == null ? List.of() : List.of("/watch/" + unlisted);
    for (String path : PAGES_WITH_ACCOUNT.split(", ")) {
      checkPage(path, "signed-in");
    }
    for (String path : watch) {
      checkPage(path, "signed-in");
    }
    signOut();
    for (String path : List.of("/", "/signin", "/signup")) {
      checkPage(path, "signed-out");
    }
    for (String path : watch) {
      checkPage(path, "signed-out");
    }
    browser.driver.get(base + "/signin");
    signInHere(ADMIN);
    awaitHome();
  }

  @Test
  @Order(15)
  void withSignUpClosedNobodyIsInvitedToSignUp(Vertx vertx) throws Exception {
    try (RedisServer closedRedis = RedisServer.start();
         TestNode closed = TestNode.start(vertx, closedRedis, Map.of("KINORA_SIGNUP", "closed"))) {
      String closedBase = closed.baseUrl();
      KinoraClient first = new KinoraClient(vertx, closed.httpPort());
      try {
        assertEquals(201, first.postJson("/api/account", new JsonObject().put("username", "root").put("password", PASSWORD))
            .statusCode(), "the first account is allowed even with sign-up closed");
      } finally {
        first.close();
      }
      browser.driver.manage().deleteAllCookies(); // cookies name a host, not a port: alice's would go along
      browser.driver.get(closedBase + "/signup");
      WebElement refusal = await("the closed notice", ExpectedConditions.visibilityOfElementLocated(By.id("signup-closed")));
      assertEquals("Sign-up is closed on this server: ask an administrator to create your account.", refusal.getText());
      assertFalse(browser.find("#signup-form").isDisplayed());
      browser.screenshot("signup-closed");
      browser.driver.get(closedBase + "/");
      await("the public home", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
      assertEquals(List.of("Sign in"), texts("#account-nav a"));
      assertFalse(browser.find("#create-account").isDisplayed());
      browser.driver.get(closedBase + "/signin");
      await("the sign-in page", d -> "signed-out".equals(browser.find("#account-nav").getAttribute("data-state")));
      assertFalse(browser.find("#signup-switch").isDisplayed());
    }
  }

  // ---------------------------------------------------------------- helpers

  private void checkPage(String path, String state) throws Exception {
    browser.driver.get(base + path);
    await(path + " ready", d -> state.equals(browser.find("#account-nav").getAttribute("data-state"))
        && !"true".equals(browser.find("#main").getAttribute("aria-busy")));
    assertControlsAreLabelled(path);
    assertNoCspViolations();
    String name = (path.equals("/") ? "home" : path.substring(1).replaceAll("/.*", "")) + "-" + state;
    browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", 320, "height", 720, "deviceScaleFactor", 1, "mobile", true));
    try {
      browser.awaitSettled();
      assertNoHorizontalScrolling(path);
      if (state.equals("signed-in")) {
        browser.find("#account-button").click();
        await("the menu on a phone", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
        var rect = browser.find("#account-panel").getRect();
        assertTrue(rect.getX() >= 0 && rect.getX() + rect.getWidth() <= 320, "menu off screen on " + path + ": " + rect);
        browser.screenshot("phone-" + name + "-menu");
        browser.find("#account-button").click();
      }
      browser.screenshot("phone-" + name);
    } finally {
      browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
    darkScreenshot(name + "-dark");
  }

  private static WebElement row(String videoId) {
    return browser.find(".video-row[data-id='" + videoId + "']");
  }

  /**
   * Waits like {@link Browser#await}, but an element that went stale (a row re-rendered, a page
   * replaced by the next one) means "not yet" rather than a failure.
   */
  private static <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return browser.await(timeout, what, d -> {
      try {
        return condition.apply(d);
      } catch (StaleElementReferenceException | NoSuchElementException e) {
        return null;
      }
    });
  }

  private static <T> T await(String what, Function<WebDriver, T> condition) {
    return await(Duration.ofSeconds(30), what, condition);
  }

  private static WebElement userRow(String username) {
    return browser.find(".user-row[data-username='" + username + "']");
  }

  /** The browser's cookies as a Cookie header, to ask the API what the signed-in person sees. */
  private static String browserCookies() {
    return browser.driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private static String setCookie(HttpResponse<Buffer> response, String name) {
    return response.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .map(c -> c.substring(name.length() + 1).split(";", 2)[0])
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.cookies()));
  }

  private static int signInOverHttp(String username) {
    return client.postJson("/api/session", new JsonObject().put("username", username).put("password", PASSWORD)).statusCode();
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static void awaitHome() {
    await("the home page", d -> d.getCurrentUrl().equals(base + "/")
        && "false".equals(browser.find("#main").getAttribute("aria-busy")));
  }

  private static void signOut() {
    browser.driver.get(base + "/");
    awaitHome();
    if (!"signed-in".equals(browser.find("#account-nav").getAttribute("data-state"))) {
      return;
    }
    browser.find("#account-button").click();
    await("the menu", ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).click();
    await("signed out", d -> d.getCurrentUrl().equals(base + "/")
        && "signed-out".equals(browser.find("#account-nav").getAttribute("data-state")));
  }

  /** Fills the sign-in form of the page showing it. */
  private static void signInHere(String username) {
    await("the sign-in form", ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    browser.find("#username").sendKeys(username);
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("#signin-submit").click();
  }

  private void expectConsoleError(String... fragments) {
    expectedErrors.add(List.of(fragments));
  }

  private static String query(String name) {
    String url = browser.driver.getCurrentUrl();
    for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) {
        return URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static List<String> texts(String css) {
    return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private static void darkScreenshot(String name) throws Exception {
    if (!Browser.screenshotsWanted()) {
      return;
    }
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      browser.awaitSettled();
      browser.screenshot(name);
    } finally {
      browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  private static void assertNoCspViolations() {
    Object seen = browser.js("return window.__csp || []");
    assertEquals(List.of(), seen, "Content-Security-Policy violations on " + browser.driver.getCurrentUrl());
  }

  /** Every visible control has an accessible name; every image an alt text; the page a language. */
  private static void assertControlsAreLabelled(String path) {
    Object unnamed = browser.js("return [...document.querySelectorAll('button, input, select, textarea, a[href], img, [role=meter]')]"
        + ".filter(e => e.getClientRects().length && e.getAttribute('aria-hidden') !== 'true' && !e.closest('[aria-hidden=true]'))"
        + ".filter(e => e.tagName === 'IMG' ? !e.hasAttribute('alt') : !(e.getAttribute('aria-label') || (e.labels && e.labels.length)"
        + " || e.textContent.trim() || e.getAttribute('title') || e.getAttribute('aria-labelledby')))"
        + ".map(e => e.outerHTML.slice(0, 80))");
    assertEquals(List.of(), unnamed, "unlabelled controls on " + path);
    assertEquals("en", browser.js("return document.documentElement.lang"));
    assertEquals(1L, browser.js("return [...document.querySelectorAll('h1')].filter(e => e.getClientRects().length).length"),
        "one visible h1 on " + path);
  }

  private static void assertNoHorizontalScrolling(String path) {
    double scroll = browser.number("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
    double width = browser.number("return document.documentElement.clientWidth");
    assertTrue(scroll <= width, path + " is " + scroll + " px wide in a " + width + " px screen: "
        + browser.js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
        + "document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')"));
  }
}
