package io.kinora.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinora.platform.signing.UrlSigner;
import io.kinora.video.CaptionTrack;
import io.kinora.video.Rendition;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DashManifestTest {

  private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
  private static final long EXPIRES = 1_800_000_000L;
  private static final UrlSigner SIGNER = new UrlSigner("secret", 3600,
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));

  private static final String VIDEO_720 = """
      #EXTM3U
      #EXT-X-VERSION:7
      #EXT-X-TARGETDURATION:4
      #EXT-X-MEDIA-SEQUENCE:0
      #EXT-X-PLAYLIST-TYPE:VOD
      #EXT-X-INDEPENDENT-SEGMENTS
      #EXT-X-MAP:URI="init_720p.mp4"
      #EXTINF:4.000000,
      seg_00000.m4s
      #EXTINF:4.000000,
      seg_00001.m4s
      #EXTINF:2.000000,
      seg_00002.m4s
      #EXT-X-ENDLIST
      """;
  private static final String AUDIO = """
      #EXTM3U
      #EXT-X-VERSION:7
      #EXT-X-TARGETDURATION:4
      #EXT-X-PLAYLIST-TYPE:VOD
      #EXT-X-MAP:URI="init_audio.mp4"
      #EXTINF:4.010667,
      seg_00000.m4s
      #EXTINF:3.989333,
      seg_00001.m4s
      #EXTINF:2.021333,
      seg_00002.m4s
      #EXT-X-ENDLIST
      """;

  private static final List<Rendition> RUNGS = List.of(
      new Rendition("360p", 640, 360, 900_000, 800_000, "avc1.64001e", 30),
      new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f", 30));

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private String write() {
    return new DashManifest(SIGNER).write(ID, 10.0, RUNGS, Rendition.audio("audio", 140_000, 130_000), List.of(),
        Map.of("720p", VIDEO_720, "360p", VIDEO_720.replace("720p", "360p"), "audio", AUDIO), EXPIRES);
  }

  @Test
  void isAStaticMpdWithOneVideoSetByBandwidthAndOneAudioSet() throws Exception {
    Element mpd = parse(write()).getDocumentElement();

    assertEquals("MPD", mpd.getLocalName());
    assertEquals("urn:mpeg:dash:schema:mpd:2011", mpd.getNamespaceURI());
    assertEquals("static", mpd.getAttribute("type"));
    assertEquals("PT10.000S", mpd.getAttribute("mediaPresentationDuration"));
    NodeList sets = mpd.getElementsByTagName("AdaptationSet");
    assertEquals(2, sets.getLength());
    NodeList video = ((Element) sets.item(0)).getElementsByTagName("Representation");
    assertEquals("720p", ((Element) video.item(0)).getAttribute("id"));
    assertEquals("avc1.64001f", ((Element) video.item(0)).getAttribute("codecs"));
    assertEquals("1280", ((Element) video.item(0)).getAttribute("width"));
    assertEquals("360p", ((Element) video.item(1)).getAttribute("id"));
    Element audio = (Element) ((Element) sets.item(1)).getElementsByTagName("Representation").item(0);
    assertEquals("mp4a.40.2", audio.getAttribute("codecs"));
    assertEquals("audio/mp4", ((Element) sets.item(1)).getAttribute("mimeType"));
  }

  @Test
  void everyInitAndSegmentIsItsOwnSignedUrlInPlaylistOrder() throws Exception {
    Document doc = parse(write());
    Element list = (Element) doc.getElementsByTagName("SegmentList").item(0);
    Element init = (Element) list.getElementsByTagName("Initialization").item(0);
    NodeList segments = list.getElementsByTagName("SegmentURL");

    assertEquals(SIGNER.signedUrl("/media/" + ID + "/720p/init_720p.mp4", EXPIRES), init.getAttribute("sourceURL"));
    assertEquals(3, segments.getLength());
    for (int i = 0; i < 3; i++) {
      assertEquals(SIGNER.signedUrl("/media/" + ID + "/720p/seg_0000" + i + ".m4s", EXPIRES),
          ((Element) segments.item(i)).getAttribute("media"));
    }
  }

  @Test
  void eachSegmentIsTimedByItsOwnLengthInATimeline() throws Exception {
    NodeList lists = parse(write()).getElementsByTagName("SegmentList");

    assertEquals("1000", ((Element) lists.item(0)).getAttribute("timescale"));
    assertEquals("", ((Element) lists.item(0)).getAttribute("duration"), "a timeline, not one @duration");
    // one S per segment: dash.js 4.7 maps a SegmentList's URLs by S element, so no repeats
    assertEquals(List.of("0/4000/0", "4000/4000/0", "8000/2000/0"), timeline((Element) lists.item(0)));
    // audio: 4.010667 and 3.989333 alternate; starts are rounded from the running sum
    assertEquals(List.of("0/4011/0", "4011/3989/0", "8000/2021/0"), timeline((Element) lists.item(2)));
  }

  @Test
  void aHalfLengthFirstSegmentKeepsEveryStartExact() throws Exception {
    String playlist = VIDEO_720.replace("#EXTINF:4.000000,\nseg_00000", "#EXTINF:2.000000,\nseg_00000");
    String xml = new DashManifest(SIGNER).write(ID, 8.0, RUNGS.subList(1, 2), null, List.of(), Map.of("720p", playlist), EXPIRES);

    assertEquals(List.of("0/2000/0", "2000/4000/0", "6000/2000/0"),
        timeline((Element) parse(xml).getElementsByTagName("SegmentList").item(0)));
  }

  /** "t/d/r" per S element. */
  private static List<String> timeline(Element list) {
    NodeList entries = list.getElementsByTagName("S");
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      out.add(e.getAttribute("t") + "/" + e.getAttribute("d") + "/" + (e.hasAttribute("r") ? e.getAttribute("r") : "0"));
    }
    return out;
  }

  @Test
  void aSilentVideoHasNoAudioSet() throws Exception {
    String xml = new DashManifest(SIGNER).write(ID, 10.0, RUNGS, null, List.of(),
        Map.of("720p", VIDEO_720, "360p", VIDEO_720), EXPIRES);

    assertEquals(1, parse(xml).getElementsByTagName("AdaptationSet").getLength());
    assertTrue(xml.contains("&amp;sig="));
  }

  @Test
  void aPlaylistWithoutInitIsRefused() {
    String ts = "#EXTM3U\n#EXTINF:4.0,\nseg_00000.ts\n";

    assertThrows(IllegalStateException.class, () -> new DashManifest(SIGNER).write(ID, 4.0, RUNGS, null, List.of(),
        Map.of("720p", ts, "360p", ts), EXPIRES));
  }

  @Test
  void eachCaptionTrackIsATextSetOfItsWebVttFile() throws Exception {
    String xml = new DashManifest(SIGNER).write(ID, 10.0, RUNGS, null,
        List.of(new CaptionTrack("pt-BR", "Português & co", false, CaptionTrack.Source.UPLOADED, 3)),
        Map.of("720p", VIDEO_720, "360p", VIDEO_720), EXPIRES);

    Element text = (Element) parse(xml).getElementsByTagName("AdaptationSet").item(1);
    assertEquals("text", text.getAttribute("contentType"));
    assertEquals("text/vtt", text.getAttribute("mimeType"));
    assertEquals("pt-BR", text.getAttribute("lang"));
    assertEquals("Português & co", text.getElementsByTagName("Label").item(0).getTextContent());
    assertEquals("/api/videos/" + ID + "/captions/pt-BR.vtt", text.getElementsByTagName("BaseURL").item(0).getTextContent());
  }
}
