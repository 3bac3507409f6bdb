package io.kinora.video.captions;

import io.kinora.platform.error.KinoraException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionFileTest {

  private static List<Cue> parse(String text) {
    return CaptionFile.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String refusal(byte[] bytes) {
    return assertThrows(KinoraException.class, () -> CaptionFile.parse(bytes)).getMessage();
  }

  @Test
  void aSubRipFileBecomesWebVttWithTheSameTimesAndText() {
    List<Cue> cues = parse("1\r\n00:00:01,500 --> 00:00:03,000\r\nHello there\r\n\r\n2\r\n00:01:02,000 --> 01:00:00,250\r\n"
        + "Two\r\nlines\r\n");
    assertEquals("WEBVTT\n\n00:00:01.500 --> 00:00:03.000\nHello there\n\n00:01:02.000 --> 01:00:00.250\nTwo\nlines\n",
        CaptionFile.toWebVtt(cues));
  }

  @Test
  void aWebVttFileKeepsItsValidCueSettingsAndDropsNotesAndStyles() {
    List<Cue> cues = parse("WEBVTT - a title\n\nNOTE made by hand\n\nSTYLE\n::cue { color: red }\n\nintro\n"
        + "00:01.000 --> 00:02.000 align:start line:90% region:r1 bogus:1\n<v Ana>Hi</v>\n");
    assertEquals(List.of(new Cue(1000, 2000, "align:start line:90%", "<v Ana>Hi</v>")), cues);
  }

  @Test
  void markupThatCouldScriptAPageIsStrippedAndTheRestEscaped() {
    assertEquals("Hi <b>you</b> &lt;3 &amp; bye", CueText.clean("<script>alert(1)</script>Hi <B>you</B> <3 & bye"));
    assertEquals("click", CueText.clean("<img src=x onerror=alert(1)><a href=\"javascript:x\">click</a>"));
    assertEquals("up top", CueText.clean("{\\an8}<font color=\"#ff0000\">up top</font>"));
    assertEquals("a --&gt; b", CueText.clean("a --> b"));
    assertEquals("<v Bob>x", CueText.clean("<v.loud Bob>x"));
    assertEquals("x", CueText.clean("<v Bob\" onload=\"y>x"));
  }

  @Test
  void latin1TextIsRefusedWithWhatToDo() {
    byte[] latin1 = "1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(refusal(latin1).contains("not UTF-8 text. Save it as UTF-8"));
  }

  @Test
  void utf16WithAByteOrderMarkIsRead() {
    byte[] utf16 = "\ufeff1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9\n".getBytes(StandardCharsets.UTF_16LE);
    assertEquals("Caf\u00e9", CaptionFile.parse(utf16).get(0).text());
  }

  @Test
  void binaryGarbageIsRefused() {
    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    String refusal = refusal(garbage);
    assertTrue(refusal.contains("not UTF-8") || refusal.contains("not a text file"), refusal);
    assertTrue(refusal(new byte[] {'1', '\n', 0, 0, 0}).contains("not a text file"));
  }

  @Test
  void aMalformedTimingIsRefusedNamingItsLine() {
    assertEquals("Line 2 of the caption file should be a timing such as \"00:00:01,000 --> 00:00:03,000\" but is "
        + "\"00:00:01 - 00:00:02\".", refusal("1\n00:00:01 - 00:00:02\nHi\n".getBytes(StandardCharsets.UTF_8)));
    assertTrue(refusal("1\n00:00:05,000 --> 00:00:02,000\nHi\n".getBytes(StandardCharsets.UTF_8))
        .contains("Line 2 of the caption file: the cue ends at or before the time it starts."));
    assertTrue(refusal("1\n00:00:05,000 --> 25:00:00,000\nHi\n".getBytes(StandardCharsets.UTF_8)).contains("past 24 hours"));
  }

  @Test
  void anEmptyFileAndAFileWithoutCuesAreRefused() {
    assertEquals("The caption file is empty.", refusal(new byte[0]));
    assertTrue(refusal("WEBVTT\n\nNOTE nothing here\n".getBytes(StandardCharsets.UTF_8)).startsWith("The caption file has no cues."));
  }

  @Test
  void tooManyCuesAreRefused() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= CaptionFile.MAX_CUES; i++) {
      many.append("00:00:01,000 --> 00:00:02,000\nx\n\n");
    }
    assertTrue(refusal(many.toString().getBytes(StandardCharsets.UTF_8)).contains("more than 10000 cues"));
  }
}
