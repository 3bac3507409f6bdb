package io.kinora.ui;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/docs} in a real Chromium: Swagger UI, served by the node under its own CSP, renders
 * the node's contract. Read-only, so it shares the run's node.
 */
@KinoraTest(group = KinoraTest.PLAYER_PAGES)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class ApiDocsUiIT {

  static KinoraClient client;
  private static Browser browser;

  @BeforeAll
  static void openTheReference() throws Exception {
    browser = Browser.start();
    browser.driver.get(client.baseUrl() + "/api/docs");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theReferenceShowsTheUploadOperation() throws Exception {
    WebElement operation = browser.await("POST /api/uploads is rendered", d -> d.findElements(
            By.cssSelector(".opblock.opblock-post")).stream()
        .filter(op -> !op.findElements(By.cssSelector(".opblock-summary-path[data-path='/api/uploads']")).isEmpty())
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertEquals("POST", operation.findElement(By.cssSelector(".opblock-summary-method")).getText());
    assertEquals("/api/uploads", operation.findElement(By.cssSelector(".opblock-summary-path")).getText().strip());
    assertTrue(browser.find(".info .title").getText().contains("Kinora HTTP API"), browser.find(".info .title").getText());
    browser.screenshot("api-docs");
  }

  @Test
  void theReferenceRendersUnderTheNodesCspWithoutAConsoleError() {
    browser.await("the operations are rendered", d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
    HttpResponse<Buffer> page = client.get("/api/docs");
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self';"),
        page.getHeader("Content-Security-Policy"));
    List<String> errors = browser.consoleErrors();
    assertEquals(List.of(), errors);
  }
}
