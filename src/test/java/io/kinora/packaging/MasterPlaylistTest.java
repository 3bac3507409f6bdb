package io.kinora.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinora.video.CaptionTrack;
import io.kinora.video.Rendition;
import io.kinora.video.SegmentFormat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MasterPlaylistTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";

  // deliberately not in bandwidth order
  private static final List<Rendition> RENDITIONS = List.of(
      new Rendition("480p", 854, 480, 1_600_000, 1_450_000, "avc1.64001e,mp4a.40.2", 30),
      new Rendition("1080p", 1920, 1080, 5_600_000, 5_100_000, "avc1.640028,mp4a.40.2", 30),
      new Rendition("360p", 640, 360, 950_000, 870_000, "avc1.64001e,mp4a.40.2", 30),
      new Rendition("720p", 1280, 720, 3_100_000, 2_900_000, "avc1.64001f,mp4a.40.2", 30));

  private static List<String> lines(String playlist) {
    return Arrays.asList(playlist.split("\n"));
  }

  @Test
  void startsWithExtm3u() {
    assertTrue(MasterPlaylist.write(ID, RENDITIONS).startsWith("#EXTM3U\n"));
  }

  @Test
  void declaresVersionAndIndependentSegmentsInTheHeader() {
    List<String> out = lines(MasterPlaylist.write(ID, RENDITIONS));

    assertEquals(List.of("#EXTM3U", "#EXT-X-VERSION:6", "#EXT-X-INDEPENDENT-SEGMENTS"), out.subList(0, 3));
  }

  @Test
  void variantsAreSortedByBandwidthDescending() {
    List<String> uris = lines(MasterPlaylist.write(ID, RENDITIONS)).stream().filter(l -> !l.startsWith("#")).toList();

    assertEquals(List.of(
        "/api/videos/" + ID + "/renditions/1080p.m3u8",
        "/api/videos/" + ID + "/renditions/720p.m3u8",
        "/api/videos/" + ID + "/renditions/480p.m3u8",
        "/api/videos/" + ID + "/renditions/360p.m3u8"), uris);
  }

  @Test
  void streamInfCarriesBandwidthAverageResolutionCodecsAndFrameRate() {
    List<String> out = lines(MasterPlaylist.write(ID, RENDITIONS));

    assertEquals("#EXT-X-STREAM-INF:BANDWIDTH=5600000,AVERAGE-BANDWIDTH=5100000,RESOLUTION=1920x1080,"
        + "CODECS=\"avc1.640028,mp4a.40.2\",FRAME-RATE=30.000", out.get(3));
  }

  @Test
  void eachStreamInfIsFollowedByItsVariantUri() {
    List<String> out = lines(MasterPlaylist.write(ID, RENDITIONS));

    assertEquals(3 + 2 * RENDITIONS.size(), out.size());
    for (int i = 3; i < out.size(); i += 2) {
      assertTrue(out.get(i).startsWith("#EXT-X-STREAM-INF:"), out.get(i));
      String name = out.get(i + 1).replaceAll(".*/renditions/(.*)\\.m3u8", "$1");
      assertTrue(out.get(i).contains("RESOLUTION=" + resolutionOf(name)), out.get(i) + " / " + name);
    }
  }

  private static String resolutionOf(String name) {
    Rendition r = RENDITIONS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return r.width() + "x" + r.height();
  }

  @Test
  void fractionalFrameRateHasThreeDecimals() {
    Rendition ntsc = new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f", 30000.0 / 1001);

    assertTrue(MasterPlaylist.write(ID, List.of(ntsc)).contains(",FRAME-RATE=29.970\n"));
  }

  @Test
  void unknownFrameRateIsLeftOut() {
    Rendition unknown = new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f", 0);

    assertFalse(MasterPlaylist.write(ID, List.of(unknown)).contains("FRAME-RATE"));
  }


  @Test
  void noRenditionsGivesJustTheHeader() {
    assertEquals("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n", MasterPlaylist.write(ID, List.of()));
  }

  @Test
  void anFmp4LadderIsVersion7WithOneAudioGroupThatEveryVariantNamesAndAddsTo() {
    List<Rendition> videoOnly = List.of(
        new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f", 30),
        new Rendition("360p", 640, 360, 900_000, 800_000, "avc1.64001e", 30));
    Rendition audio = Rendition.audio("audio", 140_000, 130_000);

    List<String> out = lines(MasterPlaylist.write(ID, videoOnly, SegmentFormat.FMP4, audio, List.of()));

    assertEquals("#EXT-X-VERSION:7", out.get(1));
    assertEquals("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"Audio\",DEFAULT=YES,AUTOSELECT=YES,"
        + "CHANNELS=\"2\",URI=\"/api/videos/" + ID + "/renditions/audio.m3u8\"", out.get(3));
    assertEquals("#EXT-X-STREAM-INF:BANDWIDTH=3140000,AVERAGE-BANDWIDTH=2930000,RESOLUTION=1280x720,"
        + "CODECS=\"avc1.64001f,mp4a.40.2\",FRAME-RATE=30.000,AUDIO=\"aud\"", out.get(4));
    assertEquals("/api/videos/" + ID + "/renditions/720p.m3u8", out.get(5));
    assertEquals(2, out.stream().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count());
  }

  @Test
  void anFmp4LadderWithoutSoundHasNoAudioGroup() {
    List<Rendition> videoOnly = List.of(new Rendition("360p", 640, 360, 900_000, 800_000, "avc1.64001e", 30));

    String out = MasterPlaylist.write(ID, videoOnly, SegmentFormat.FMP4, null, List.of());

    assertFalse(out.contains("EXT-X-MEDIA"));
    assertFalse(out.contains("AUDIO="));
    assertTrue(out.contains("BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,CODECS=\"avc1.64001e\""));
  }

  @Test
  void captionTracksAreASubtitlesGroupThatEveryVariantNames() {
    List<String> out = lines(MasterPlaylist.write(ID, RENDITIONS, SegmentFormat.FMP4, null, List.of(
        new CaptionTrack("en", "English", true, CaptionTrack.Source.UPLOADED, 4),
        new CaptionTrack("fr", "Français", false, CaptionTrack.Source.EMBEDDED, 4))));

    assertTrue(out.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES,"
        + "AUTOSELECT=YES,FORCED=NO,URI=\"/api/videos/" + ID + "/captions/en.m3u8\""), String.join("\n", out));
    assertTrue(out.stream().anyMatch(l -> l.contains("NAME=\"Français\",LANGUAGE=\"fr\",DEFAULT=NO")));
    assertTrue(out.stream().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).allMatch(l -> l.endsWith(",SUBTITLES=\"subs\"")));
  }
}
