package io.kinora.ui;

import io.kinora.support.NodeFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account pages in a real Chromium against a whole node on an empty Redis: the first sign-up
 * makes the administrator, the account menu with its quota bar, sign-out and sign-in (and a
 * wrong password), a taken name, API tokens shown once and revoked, an ended session sending
 * people to sign in, the admin page for others, and every page on a 320 px screen. After every
 * test: no console error but the ones a test expects, and no Content-Security-Policy violation.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class AccountUiIT {

  private static final String ADMIN = "alice";
  private static final String USER = "bob";
  private static final String PASSWORD = "correct horse battery";
  private static final String PAGES_WITH_ACCOUNT = "/, /tokens, /admin";

  /** Records CSP violations on every page from its first script on (DevTools scripts are exempt from CSP). */
  private static final String CSP_RECORDER = "window.__csp = []; document.addEventListener('securitypolicyviolation', "
      + "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));";

  private static NodeFixture fixture;
  private static Browser browser;
  private static String base;

  /** Console lines a test expects, each as fragments that must all appear (e.g. a 401 it provoked). */
  private final List<List<String>> expectedErrors = new ArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    fixture = NodeFixture.start(vertx);
    base = fixture.node.baseUrl();
    browser = Browser.start();
    browser.driver.executeCdpCommand("Page.enable", Map.of());
    browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      fixture.close();
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
    browser.await("the public home", ExpectedConditions.visibilityOfElementLocated(By.id("welcome")));
    assertEquals("signed-out", browser.find("#account-nav").getAttribute("data-state"));
    assertFalse(browser.find("#upload-panel").isDisplayed(), "no upload area signed out");
    assertEquals("Public videos", browser.find("#library-heading").getText());
    assertNoCspViolations();
    browser.find("#account-nav .button").click(); // Sign up

    browser.await("the sign-up page", d -> d.getCurrentUrl().equals(base + "/signup"));
    WebElement first = browser.await("it says the account becomes the administrator",
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
    WebElement panel = browser.await("the menu", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
    assertEquals("true", button.getAttribute("aria-expanded"));
    assertEquals("Signed in as alice\nAdministrator", panel.findElement(By.className("account-who")).getText());
    assertEquals("0 bytes of 10 GiB used", panel.findElement(By.className("meter-text")).getText());
    WebElement meter = panel.findElement(By.cssSelector("[role=meter]"));
    assertEquals("0", meter.getAttribute("aria-valuenow"));
    assertEquals("0 bytes of 10 GiB used", meter.getAttribute("aria-valuetext"));
    assertEquals("Storage used", meter.getAttribute("aria-label"));
    assertEquals("10 GiB left", panel.findElement(By.className("usage-left")).getText());
    assertEquals(List.of("My videos", "API tokens", "Admin"), texts(".account-links a"));
    assertEquals(List.of("/", "/tokens", "/admin"), browser.driver.findElements(By.cssSelector(".account-links a")).stream()
        .map(a -> a.getAttribute("href").substring(base.length())).toList());
    assertEquals("page", browser.find(".account-links a[href='/']").getAttribute("aria-current"));
    browser.screenshot("account-menu");
    darkScreenshot("account-menu-dark");

    browser.find("#account-panel a[href='/tokens']").sendKeys(Keys.ESCAPE);
    browser.await("closed by Escape", ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
    assertEquals("account-button", browser.js("return document.activeElement.id"), "focus back on the menu button");
    assertEquals("solid", browser.js("return getComputedStyle(document.activeElement).outlineStyle"), "a visible focus ring");
    button.click();
    browser.await("open again", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
    browser.find("#library-heading").click();
    browser.await("closed by a click elsewhere", ExpectedConditions.invisibilityOfElementLocated(By.id("account-panel")));
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
    browser.await("the sign-in page", d -> d.getCurrentUrl().equals(base + "/signin"));
    browser.await("focus in the username field", d -> "username".equals(browser.js("return document.activeElement.id")));
    expectConsoleError("/api/session", "401");
    browser.find("#username").sendKeys(ADMIN);
    browser.find("#password").sendKeys("not the password");
    browser.find("#signin-submit").click();
    WebElement error = browser.await("the server's sentence", ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
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
    browser.await("the form", ExpectedConditions.visibilityOfElementLocated(By.id("signup-form")));
    assertFalse(browser.find("#first-account").isDisplayed(), "the administrator exists now");
    assertEquals("Create an account", browser.find("#signup-heading").getText());
    expectConsoleError("/api/account", "409");
    browser.find("#username").sendKeys(ADMIN);
    browser.find("#password").sendKeys(PASSWORD);
    browser.find("#signup-submit").click();
    WebElement error = browser.await("taken", ExpectedConditions.visibilityOfElementLocated(By.id("signup-error")));
    assertEquals("The username 'alice' is taken; choose another.", error.getText());
    assertEquals("true", browser.find("#username").getAttribute("aria-invalid"));

    browser.find("#username").clear();
    browser.find("#username").sendKeys(USER);
    browser.find("#signup-submit").click();
    awaitHome();
    assertTrue(browser.find("#notice").getText().startsWith("Welcome, bob. Your account is ready"));
    browser.find("#account-button").click();
    assertEquals(List.of("My videos", "API tokens"), texts(".account-links a"), "no Admin link for a user");
    assertEquals("Signed in as bob", browser.find(".account-who").getText());
  }

  @Test
  @Order(5)
  void theAdminPageTellsOthersTheyNeedToBeAnAdministrator() throws Exception {
    browser.driver.get(base + "/admin");
    WebElement refusal = browser.await("the refusal", ExpectedConditions.visibilityOfElementLocated(By.id("not-admin")));
    assertTrue(refusal.getText().contains("You need to be an administrator to manage accounts."), refusal.getText());
    assertFalse(browser.find("#users-panel").isDisplayed());
    browser.screenshot("admin-not-admin");
  }

  @Test
  @Order(6)
  void pagesThatNeedAnAccountSendSignedOutPeopleToSignInAndBack() {
    signOut();
    browser.driver.get(base + "/tokens");
    browser.await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("/tokens", query("next"));
    assertEquals("Sign in to see that page.", browser.find("#signin-reason").getText());
    signInHere(ADMIN);
    browser.await("back on the tokens page", d -> d.getCurrentUrl().equals(base + "/tokens"));
    browser.await("the list", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
  }

  @Test
  @Order(7)
  void anApiTokenIsShownOnceWithACurlExampleAndCanBeRevoked() throws Exception {
    browser.driver.get(base + "/tokens");
    browser.await("no tokens yet", ExpectedConditions.visibilityOfElementLocated(By.id("tokens-empty")));
    String placeholder = "curl -H \"Authorization: Bearer <token>\" -F file=@clip.mp4 " + base + "/api/videos";
    assertEquals(placeholder, browser.find("#curl-example").getAttribute("value"));

    browser.find("#token-create").click();
    assertEquals("Give the token a name, such as where it will be used.", browser.find("#token-error").getText());
    browser.find("#token-name").sendKeys("Laptop <b>script</b>");
    browser.find("#token-create").click();
    WebElement shown = browser.await("the new token", ExpectedConditions.visibilityOfElementLocated(By.id("new-token")));
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
    browser.await("copied", d -> "true".equals(browser.find("#copy-token").getAttribute("data-copied")));
    assertEquals(token, browser.driver.executeAsyncScript(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))"));
    browser.screenshot("tokens-new");
    darkScreenshot("tokens-new-dark");

    HttpResponse<Buffer> me = fixture.client.get("/api/me", "Authorization", "Bearer " + token);
    assertEquals(200, me.statusCode(), me.bodyAsString());
    assertEquals(ADMIN, me.bodyAsJsonObject().getString("username"));

    browser.find("#new-token-done").click();
    assertFalse(browser.find("#new-token").isDisplayed());
    assertFalse(browser.driver.getPageSource().contains(token), "the token left the page");
    assertEquals(placeholder, browser.find("#curl-example").getAttribute("value"));
    browser.driver.navigate().refresh();
    browser.await("the list again", d -> texts(".token-name").size() == 1);
    assertFalse(browser.driver.getPageSource().contains(token), "never shown again");

    browser.find("[data-action=revoke]").click();
    WebElement dialog = browser.await("the confirmation", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    assertEquals("Revoke “Laptop <b>script</b>”?", dialog.findElement(By.tagName("h2")).getText());
    assertTrue(dialog.getText().contains("stop working at once"), dialog.getText());
    assertEquals("Cancel", browser.js("return document.activeElement.textContent"), "Cancel is focused first");
    browser.screenshot("tokens-revoke-confirmation");
    dialog.findElement(By.xpath(".//button[text()='Cancel']")).click();
    browser.await("cancelled", d -> d.findElements(By.cssSelector("dialog.confirm-dialog")).isEmpty());
    assertEquals(200, fixture.client.get("/api/me", "Authorization", "Bearer " + token).statusCode(), "cancel keeps the token");

    browser.find("[data-action=revoke]").click();
    browser.await("the confirmation again", ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    browser.find("dialog.confirm-dialog [data-confirm]").click();
    browser.await("the row is gone", ExpectedConditions.visibilityOfElementLocated(By.id("tokens-empty")));
    assertEquals(List.of(), texts(".token-name"));
    assertEquals(401, fixture.client.get("/api/me", "Authorization", "Bearer " + token).statusCode(), "revoked");
    browser.await("a toast", d -> browser.find("#toasts").getText().contains("Revoked"));
  }

  @Test
  @Order(8)
  void aSessionThatEndsSendsThePersonToSignInWithAMessageAndBack() throws Exception {
    browser.driver.get(base + "/tokens");
    browser.await("the page", d -> "false".equals(browser.find("#main").getAttribute("aria-busy")));
    browser.driver.manage().deleteCookieNamed("kinora_session"); // as if the server had expired it
    expectConsoleError("/api/me/tokens", "401");
    browser.find("#token-name").sendKeys("Too late");
    browser.find("#token-create").click();
    browser.await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("expired", query("reason"));
    assertEquals("/tokens", query("next"));
    assertEquals("Your session has ended. Sign in again to carry on where you were.", browser.find("#signin-reason").getText());
    browser.screenshot("signin-session-ended");
    signInHere(ADMIN);
    browser.await("back where they were", d -> d.getCurrentUrl().equals(base + "/tokens"));

    // a page opened later with only the leftover XSRF cookie finds the session gone and says so too
    browser.driver.manage().deleteCookieNamed("kinora_session");
    expectConsoleError("/api/me", "401");
    browser.driver.get(base + "/");
    browser.await("sent to sign in", d -> d.getCurrentUrl().startsWith(base + "/signin?"));
    assertEquals("expired", query("reason"));
    assertNull(browser.driver.manage().getCookieNamed("XSRF-TOKEN"), "the leftover cookie is removed");
    signInHere(ADMIN);
    awaitHome();
  }

  @Test
  @Order(9)
  void signInOnlyGoesBackToPagesOfThisSite() {
    signOut();
    browser.driver.get(base + "/signin?next=" + java.net.URLEncoder.encode("//example.org/x", StandardCharsets.UTF_8));
    browser.await("the form", ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
    signInHere(ADMIN);
    awaitHome();
    assertEquals(base + "/", browser.driver.getCurrentUrl());
  }

  @Test
  @Order(10)
  void everyAccountPageHasLabelledControlsAndFitsA320PixelScreen() throws Exception {
    for (String path : PAGES_WITH_ACCOUNT.split(", ")) {
      checkPage(path, "signed-in");
    }
    signOut();
    for (String path : List.of("/", "/signin", "/signup")) {
      checkPage(path, "signed-out");
    }
    signInHere(ADMIN);
  }

  // ---------------------------------------------------------------- helpers

  private void checkPage(String path, String state) throws Exception {
    browser.driver.get(base + path);
    browser.await(path + " ready", d -> state.equals(browser.find("#account-nav").getAttribute("data-state"))
        && !"true".equals(browser.find("#main").getAttribute("aria-busy")));
    assertControlsAreLabelled(path);
    assertNoCspViolations();
    String name = (path.equals("/") ? "home" : path.substring(1)) + "-" + state;
    browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", 320, "height", 720, "deviceScaleFactor", 1, "mobile", true));
    try {
      Thread.sleep(200); // layout settles
      assertNoHorizontalScrolling(path);
      if (state.equals("signed-in")) {
        browser.find("#account-button").click();
        browser.await("the menu on a phone", ExpectedConditions.visibilityOfElementLocated(By.id("account-panel")));
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

  private static void awaitHome() {
    browser.await("the home page", d -> d.getCurrentUrl().equals(base + "/")
        && "false".equals(browser.find("#main").getAttribute("aria-busy")));
  }

  private static void signOut() {
    browser.driver.get(base + "/");
    awaitHome();
    if (!"signed-in".equals(browser.find("#account-nav").getAttribute("data-state"))) {
      return;
    }
    browser.find("#account-button").click();
    browser.await("the menu", ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).click();
    browser.await("signed out", d -> d.getCurrentUrl().equals(base + "/")
        && "signed-out".equals(browser.find("#account-nav").getAttribute("data-state")));
  }

  /** Fills the sign-in form of the page showing it. */
  private static void signInHere(String username) {
    browser.await("the sign-in form", ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
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
    browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    try {
      Thread.sleep(300); // colour transitions finish
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
