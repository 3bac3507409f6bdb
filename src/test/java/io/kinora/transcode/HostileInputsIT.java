package io.kinora.transcode;

import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads that try to make the transcoder read something other than themselves: playlists and
 * concat lists naming files on the server (a real, readable video sits there, so a transcoder
 * that followed the reference would publish it), URLs, stream descriptions. Each one ends
 * {@code failed} with a sentence that says what the file is, and nothing is published.
 */
@KinoraTest
class HostileInputsIT {

  static KinoraClient client;
  static TestNode node;

  @TempDir
  static Path work;
  /** A perfectly good video on the server's disk: what a hostile upload tries to steal. */
  private static Path secret;

  @BeforeAll
  static void placeAVideoOnTheServer() throws Exception {
    secret = Clips.ffmpeg(work.resolve("secret.ts"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
        "-c:v", "libx264", "-preset", "ultrafast", "-f", "mpegts");
  }

  private static String upload(String name, String content) throws Exception {
    return client.upload(Files.writeString(work.resolve(name), content));
  }

  private static void assertRefused(String id, String words) throws Exception {
    JsonObject video = client.awaitDone(id);
    assertEquals("failed", video.getString("status"), video.encode());
    assertTrue(video.getString("error").contains(words), video.encode());
    assertTrue(video.getJsonArray("renditions").isEmpty(), "nothing published: " + video.encode());
  }

  @Test
  void anHlsPlaylistNamingAFileOnTheServerIsRefused() throws Exception {
    String id = upload("steal.m3u8", String.join("\n", "#EXTM3U", "#EXT-X-TARGETDURATION:2", "#EXTINF:2,",
        "file://" + secret, "#EXT-X-ENDLIST", ""));

    assertRefused(id, "This is a playlist");
  }

  @Test
  void anHlsPlaylistWithARelativeSegmentIsRefused() throws Exception {
    String id = upload("relative.m3u8", String.join("\n", "#EXTM3U", "#EXT-X-TARGETDURATION:2", "#EXTINF:2,",
        "../../../../../../../.." + secret, "#EXT-X-ENDLIST", ""));

    assertRefused(id, "This is a playlist");
  }

  @Test
  void anHlsPlaylistNamingAUrlIsRefused() throws Exception {
    String id = upload("remote.m3u8", String.join("\n", "#EXTM3U", "#EXTINF:2,",
        "http://127.0.0.1:" + node.httpPort() + "/favicon.svg", "#EXT-X-ENDLIST", ""));

    assertRefused(id, "This is a playlist");
  }

  @Test
  void aPlainM3uListIsRefused() throws Exception {
    String id = upload("list.m3u", "#EXTM3U\n#EXTINF:-1,secret\n" + secret + "\n");

    assertRefused(id, "This is a playlist");
  }

  @Test
  void aConcatListIsRefused() throws Exception {
    String id = upload("join.txt", "ffconcat version 1.0\nfile '" + secret + "'\n");

    assertRefused(id, "concat list");
  }

  @Test
  void aConcatListWithoutItsHeaderIsRefused() throws Exception {
    String id = upload("join2.txt", "file '" + secret + "'\nfile '" + secret + "'\n");

    assertRefused(id, "concat list");
  }

  @Test
  void aStreamDescriptionIsRefused() throws Exception {
    String id = upload("stream.sdp", String.join("\n", "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=x",
        "c=IN IP4 127.0.0.1", "t=0 0", "m=video 5004 RTP/AVP 96", "a=rtpmap:96 H264/90000", ""));

    assertRefused(id, "describes a stream elsewhere");
  }

  @Test
  void aDashManifestIsRefused() throws Exception {
    String id = upload("manifest.mpd", "<?xml version=\"1.0\"?>\n<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">"
        + "<Period><AdaptationSet><Representation><BaseURL>file://" + secret + "</BaseURL>"
        + "</Representation></AdaptationSet></Period></MPD>\n");

    assertRefused(id, "describes a stream elsewhere");
  }

  @Test
  void aTextFileNamingAFileIsRefusedAsText() throws Exception {
    String id = upload("notes.txt", "file:" + secret + "\n");

    assertRefused(id, "text file");
  }

  @Test
  void theSameVideoUploadedItselfIsAccepted() throws Exception {
    JsonObject video = client.awaitReady(client.upload(secret));

    assertFalse(video.getJsonArray("renditions").isEmpty(), video.encode());
  }
}
