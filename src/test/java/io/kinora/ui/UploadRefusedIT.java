package io.kinora.ui;

import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file over the node's size limit is refused before any byte is sent, with what to do about it. */
@KinoraTest(settings = "KINORA_MAX_UPLOAD_BYTES=300000")
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class UploadRefusedIT {

  static KinoraClient client;
  private static Browser browser;

  @TempDir
  static Path files;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
    browser.signIn(client.baseUrl(), client.browserSession());
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWithTheReasonAndWhatToDo() throws Exception {
    Path big = Files.write(files.resolve("holiday.mp4"), new byte[400_000]);
    long videos = client.total();
    browser.driver.get(client.baseUrl() + "/");
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
    assertEquals(videos, client.total(), "no record was made");
    browser.screenshot("upload-refused");

    // the only thing the console shows is the browser's own line about the refused request
    List<String> errors = browser.consoleErrors();
    assertTrue(errors.stream().allMatch(e -> e.contains("/api/uploads") && e.contains("413")), errors.toString());

    item.findElement(By.cssSelector("button[aria-label^='Remove holiday.mp4']")).click();
    browser.await("removed from the list", d -> d.findElements(By.cssSelector(".upload-item")).isEmpty());
  }
}
