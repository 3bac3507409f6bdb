package io.kinora.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kinora.platform.signing.UrlSigner;
import org.junit.jupiter.api.Test;

class PlaylistRewriterTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final long NOW = 1_700_000_000L;
  private static final UrlSigner SIGNER = new UrlSigner("kinora-test-secret", 3600,
      Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
  private static final long EXPIRES = SIGNER.nextExpiry();
  private static final Pattern SIGNED = Pattern.compile("(/media/[^?]+)\\?expires=(\\d+)&sig=([A-Za-z0-9_-]+)");

  /** What ffmpeg 6/7 writes for one variant of a VOD ladder (hls_playlist_type vod, mpegts). */
  private static final String FFMPEG_VOD = String.join("\n",
      "#EXTM3U",
      "#EXT-X-VERSION:6",
      "#EXT-X-TARGETDURATION:4",
      "#EXT-X-MEDIA-SEQUENCE:0",
      "#EXT-X-PLAYLIST-TYPE:VOD",
      "#EXT-X-INDEPENDENT-SEGMENTS",
      "#EXTINF:4.000000,",
      "seg_00000.ts",
      "#EXTINF:4.000000,",
      "seg_00001.ts",
      "#EXTINF:4.000000,",
      "seg_00002.ts",
      "#EXTINF:1.533333,",
      "seg_00003.ts",
      "#EXT-X-ENDLIST",
      "");

  private final PlaylistRewriter rewriter = new PlaylistRewriter(SIGNER);

  private static List<String> lines(String playlist) {
    return Arrays.asList(playlist.split("\n"));
  }

  @Test
  void everySegmentLineBecomesASignedMediaPath() {
    List<String> out = lines(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES));

    List<String> segments = out.stream().filter(l -> !l.startsWith("#")).toList();
    assertEquals(4, segments.size());
    for (int i = 0; i < segments.size(); i++) {
      String expectedPath = "/media/" + ID + "/720p/seg_0000" + i + ".ts";
      assertTrue(segments.get(i).startsWith(expectedPath + "?expires=" + EXPIRES + "&sig="), segments.get(i));
    }
  }

  @Test
  void everySegmentSignatureVerifiesAsValid() {
    List<String> segments = lines(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES)).stream()
        .filter(l -> !l.startsWith("#")).toList();

    for (String segment : segments) {
      Matcher m = SIGNED.matcher(segment);
      assertTrue(m.matches(), segment);
      assertEquals(UrlSigner.Verdict.VALID, SIGNER.verify(m.group(1), m.group(2), m.group(3)), segment);
    }
  }

  @Test
  void tagsAreKeptVerbatimAndInOrder() {
    List<String> in = lines(FFMPEG_VOD);
    List<String> out = lines(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES));

    assertEquals(in.size(), out.size());
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).startsWith("#")) {
        assertEquals(in.get(i), out.get(i), "line " + i);
      }
    }
  }

  @Test
  void rewrittenPlaylistEndsWithANewline() {
    assertTrue(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES).endsWith("#EXT-X-ENDLIST\n"));
  }

  @Test
  void crlfPlaylistIsRewrittenWithPlainNewlines() {
    String crlf = FFMPEG_VOD.replace("\n", "\r\n");

    assertEquals(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES), rewriter.rewrite(crlf, ID, "720p", EXPIRES));
  }

  @Test
  void blankLinesAreDropped() {
    String spaced = FFMPEG_VOD.replace("seg_00001.ts\n", "seg_00001.ts\n\n  \n");

    assertEquals(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES), rewriter.rewrite(spaced, ID, "720p", EXPIRES));
  }

  @Test
  void rewritingIsDeterministicForTheSameExpiry() {
    assertEquals(rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES), rewriter.rewrite(FFMPEG_VOD, ID, "720p", EXPIRES));
  }

  @Test
  void initSegmentUriOfAnFmp4PlaylistIsSigned() {
    String fmp4 = String.join("\n",
        "#EXTM3U",
        "#EXT-X-VERSION:7",
        "#EXT-X-TARGETDURATION:4",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-MAP:URI=\"init.mp4\"",
        "#EXTINF:4.000000,",
        "seg_00000.m4s",
        "#EXT-X-ENDLIST");

    List<String> out = lines(rewriter.rewrite(fmp4, ID, "1080p", EXPIRES));

    String map = out.get(5);
    Matcher m = Pattern.compile("#EXT-X-MAP:URI=\"(/media/[^?\"]+)\\?expires=(\\d+)&sig=([A-Za-z0-9_-]+)\"").matcher(map);
    assertTrue(m.matches(), map);
    assertEquals("/media/" + ID + "/1080p/init.mp4", m.group(1));
    assertEquals(UrlSigner.Verdict.VALID, SIGNER.verify(m.group(1), m.group(2), m.group(3)));
  }

  @Test
  void otherAttributesOfTheMapTagAreKept() {
    String playlist = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"720@0\"\n";

    String map = lines(rewriter.rewrite(playlist, ID, "1080p", EXPIRES)).get(1);

    assertTrue(map.startsWith("#EXT-X-MAP:URI=\"/media/" + ID + "/1080p/init.mp4?expires="), map);
    assertTrue(map.endsWith("\",BYTERANGE=\"720@0\""), map);
  }

  @Test
  void segmentNameWithASlashIsRefused() {
    String playlist = FFMPEG_VOD.replace("seg_00001.ts", "../1080p/seg_00001.ts");

    assertThrows(IllegalStateException.class, () -> rewriter.rewrite(playlist, ID, "720p", EXPIRES));
  }

  @Test
  void segmentNameThatIsADotDotIsRefused() {
    String playlist = FFMPEG_VOD.replace("seg_00001.ts", "..");

    assertThrows(IllegalStateException.class, () -> rewriter.rewrite(playlist, ID, "720p", EXPIRES));
  }

  @Test
  void absoluteSegmentUrlIsRefused() {
    String playlist = FFMPEG_VOD.replace("seg_00001.ts", "https://elsewhere.example/seg_00001.ts");

    assertThrows(IllegalStateException.class, () -> rewriter.rewrite(playlist, ID, "720p", EXPIRES));
  }

  @Test
  void mapUriWithAPathIsRefused() {
    String playlist = "#EXTM3U\n#EXT-X-MAP:URI=\"../secret/init.mp4\"\n";

    assertThrows(IllegalStateException.class, () -> rewriter.rewrite(playlist, ID, "720p", EXPIRES));
  }

}
