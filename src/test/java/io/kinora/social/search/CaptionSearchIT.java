package io.kinora.social.search;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Search finds what was said: a caption's words find its video, with the second they are said at,
 * the watch link to it and that moment's storyboard tile; a private video's captions find nothing.
 */
@KinoraTest(group = KinoraTest.SOCIAL)
class CaptionSearchIT {

  static KinoraClient client;

  @TempDir
  static Path work;

  @Test
  void aPhraseSaidAt42SecondsFindsTheVideoAtThatMomentWithItsThumbnail() throws Exception {
    String phrase = word() + " " + word() + " " + word();
    String srt = "1\n00:00:05,000 --> 00:00:07,000\nWelcome, everyone.\n\n"
        + "2\n00:00:42,300 --> 00:00:44,000\n" + phrase + "\n";
    // 45 s at 2 frames a second: long enough to say something at 0:42, quick to process
    String shown = ready(Clips.mp4(work, "talk.mp4", 160, 90, 45, 2), "public", srt);
    String hidden = ready(Clips.shortClip(), "private", srt);

    JsonObject result = awaitFound(phrase, shown);

    JsonObject said = result.getJsonObject("said");
    assertEquals(42, said.getInteger("at"));
    assertEquals("/watch/" + shown + "?t=42", said.getString("watchUrl"));
    JsonObject thumbnail = said.getJsonObject("thumbnail");
    assertTrue(thumbnail.getString("url").startsWith("/media/" + shown + "/storyboard/sheet_001.jpg?"), thumbnail.encode());
    // one tile every 2 s, ten a row: 42 s is tile 21, second column of the third row
    assertEquals(thumbnail.getInteger("width"), thumbnail.getInteger("x"));
    assertEquals(2 * thumbnail.getInteger("height"), thumbnail.getInteger("y"));
    assertEquals(200, client.get(thumbnail.getString("url")).statusCode(), "the tile's sheet is served");

    JsonArray items = search(phrase).getJsonArray("items");
    assertTrue(items.stream().map(JsonObject.class::cast).noneMatch(v -> v.getString("id").equals(hidden)),
        "a private video's captions find nothing: " + items.encode());
  }

  private static String ready(Path clip, String visibility, String srt) throws Exception {
    String id = client.upload(clip);
    assertEquals(201, KinoraClient.await(client.request(HttpMethod.PUT, "/api/videos/" + id + "/captions/en")
        .putHeader("Content-Type", "application/x-subrip").sendBuffer(Buffer.buffer(srt))).statusCode());
    client.awaitReady(id);
    assertEquals(200, client.patchJson("/api/videos/" + id, new JsonObject().put("visibility", visibility)).statusCode());
    return id;
  }

  /** The index follows changes as they are announced: a moment after the edit, not at once. */
  private static JsonObject awaitFound(String phrase, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      for (Object item : search(phrase).getJsonArray("items")) {
        JsonObject video = (JsonObject) item;
        if (video.getString("id").equals(id) && video.containsKey("said")) {
          return video;
        }
      }
      assertTrue(System.nanoTime() < deadline, "no result for " + phrase);
      Thread.sleep(200);
    }
  }

  private static JsonObject search(String q) {
    return client.get("/api/search?q=" + q.replace(" ", "%20")).bodyAsJsonObject();
  }

  /** A word no other test's video says. */
  private static String word() {
    Random random = new Random();
    StringBuilder word = new StringBuilder("q");
    for (int i = 0; i < 9; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }
}
