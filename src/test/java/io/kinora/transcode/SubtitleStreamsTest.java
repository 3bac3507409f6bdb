package io.kinora.transcode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubtitleStreamsTest {

  @Test
  void containerLanguageCodesBecomeBcp47Tags() {
    assertEquals("en", SubtitleStreams.languageTag("eng"));
    assertEquals("fr", SubtitleStreams.languageTag("fre"));
    assertEquals("fr", SubtitleStreams.languageTag("fra"));
    assertEquals("de", SubtitleStreams.languageTag("DE"));
    assertEquals("und", SubtitleStreams.languageTag(null));
    assertEquals("und", SubtitleStreams.languageTag("english!"));
  }

  @Test
  void oneRunWritesEachStreamAsWebVttHeldToTheFileItself() {
    List<String> args = SubtitleStreams.arguments(Path.of("/w/source"),
        List.of(new SubtitleStreams.Stream(2, "eng", null), new SubtitleStreams.Stream(3, "fre", "Français")), Path.of("/w/c"));
    assertEquals(List.of("-hide_banner", "-nostdin", "-format_whitelist", SelfContainedInput.FORMATS,
        "-protocol_whitelist", "file", "-i", "/w/source",
        "-map", "0:2", "-c:s", "webvtt", "-f", "webvtt", "/w/c/0.vtt",
        "-map", "0:3", "-c:s", "webvtt", "-f", "webvtt", "/w/c/1.vtt"), args);
  }
}
