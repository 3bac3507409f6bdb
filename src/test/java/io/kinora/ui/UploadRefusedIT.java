package io.kinora.ui;

import io.kinora.support.NodeFixture;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file over the node's size limit is refused before any byte is sent, with what to do about it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class UploadRefusedIT {

  private static NodeFixture fixture;
  private static Browser browser;

  @TempDir
  static Path files;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    fixture = NodeFixture.start(vertx, Map.of("KINORA_MAX_UPLOAD_BYTES", "300000"));
    browser = Browser.start();
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

  @Test
  void aFileOverTheSizeLimitIsRefusedWithTheReasonAndWhatToDo() throws Exception {
    Path big = Files.write(files.resolve("holiday.mp4"), new byte[400_000]);
    browser.driver.get(fixture.node.baseUrl() + "/");
    browser.find("#file-input").sendKeys(big.toAbsolutePath().toString());
    browser.await("a pending item", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".upload-item[data-stage=pending]")));
    browser.find("#upload-start").click();

    WebElement item = browser.await("refused", ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".upload-item[data-stage=refused]")));
    assertEquals("390.6 KiB", item.findElement(By.className("file-size")).getText());
    WebElement error = item.findElement(By.className("upload-error"));
    assertEquals("alert", error.getAttribute("role"));
    String text = error.getText();
    assertTrue(text.startsWith("Not uploaded. The file is 390.6 KiB, larger than the 293"), text);
    assertTrue(text.endsWith("KiB upload limit. Compress or trim it and upload again."), text);
    assertFalse(item.getAttribute("data-seen").contains("uploading"), "no byte was sent");
    assertEquals("0", fixture.client.get("/api/videos").bodyAsJsonObject().getInteger("total").toString(),
        "no record was made");
    browser.screenshot("upload-refused");

    // the only thing the console shows is the browser's own line about the refused request
    List<String> errors = browser.consoleErrors();
    assertTrue(errors.stream().allMatch(e -> e.contains("/api/uploads") && e.contains("413")), errors.toString());

    item.findElement(By.cssSelector("button[aria-label^='Remove holiday.mp4']")).click();
    browser.await("removed from the list", d -> d.findElements(By.cssSelector(".upload-item")).isEmpty());
  }
}
