package io.kinora.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinora.video.Storyboard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class StoryboardVttTest {

  private static final Pattern CUE = Pattern.compile(
      "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})\\n(\\S+)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)\\n");

  private record Cue(long from, long to, String url, int x, int y, int w, int h) {
  }

  private static List<Cue> cues(String vtt) {
    List<Cue> cues = new ArrayList<>();
    Matcher m = CUE.matcher(vtt);
    while (m.find()) {
      cues.add(new Cue(millis(m, 1), millis(m, 5), m.group(9), Integer.parseInt(m.group(10)),
          Integer.parseInt(m.group(11)), Integer.parseInt(m.group(12)), Integer.parseInt(m.group(13))));
    }
    return cues;
  }

  private static long millis(Matcher m, int at) {
    return ((Long.parseLong(m.group(at)) * 60 + Long.parseLong(m.group(at + 1))) * 60
        + Long.parseLong(m.group(at + 2))) * 1000 + Long.parseLong(m.group(at + 3));
  }

  private static String write(double duration) {
    return StoryboardVtt.write(Storyboard.plan(duration, 1920, 1080), duration, n -> "/s/" + n + ".jpg?sig=x");
  }

  /** Back to back from 0 to the end: every instant of the video has exactly one thumbnail. */
  private static void assertCovers(List<Cue> cues, long durationMillis) {
    assertEquals(0, cues.get(0).from());
    for (int i = 1; i < cues.size(); i++) {
      assertEquals(cues.get(i - 1).to(), cues.get(i).from(), "cue " + i);
      assertTrue(cues.get(i).to() > cues.get(i).from(), "cue " + i);
    }
    assertEquals(durationMillis, cues.get(cues.size() - 1).to());
  }

  @Test
  void aShortVideoHasACueEveryTwoSecondsToItsEnd() {
    String vtt = write(31.5);
    List<Cue> cues = cues(vtt);

    assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n/s/1.jpg?sig=x#xywh=0,0,160,90\n"), vtt);
    assertEquals(16, cues.size());
    assertCovers(cues, 31_500);
    assertEquals(new Cue(30_000, 31_500, "/s/1.jpg?sig=x", 800, 90, 160, 90), cues.get(15));
  }

  @Test
  void aLongVideoSpreadsTwoHundredCuesOverTwoSheets() {
    List<Cue> cues = cues(write(3723.25));

    assertEquals(200, cues.size());
    assertCovers(cues, 3_723_250);
    assertEquals("/s/1.jpg?sig=x", cues.get(99).url());
    assertEquals(new Cue(100 * 18617L, 101 * 18617L, "/s/2.jpg?sig=x", 0, 0, 160, 90), cues.get(100));
  }

  @Test
  void cuesStopAtTheSheetsThatWereDrawnAndTheLastStretchesToTheEnd() {
    // ffmpeg drew one sheet only (100 thumbnails) of a planned 150
    Storyboard cut = new Storyboard(2000, 100, 10, 10, 160, 90);

    List<Cue> cues = cues(StoryboardVtt.write(cut, 300, n -> "/s/" + n));

    assertEquals(100, cues.size());
    assertCovers(cues, 300_000);
  }

  @Test
  void timesPastAnHourAreWrittenInFull() {
    assertEquals("01:02:03.004", StoryboardVtt.time(3_723_004));
    assertEquals("00:00:00.000", StoryboardVtt.time(0));
  }

  @Test
  void eachSheetIsSignedOnce() {
    List<Integer> signed = new ArrayList<>();
    StoryboardVtt.write(Storyboard.plan(3600, 1920, 1080), 3600, n -> {
      signed.add(n);
      return "/s/" + n;
    });

    assertEquals(List.of(1, 2), signed);
  }
}
