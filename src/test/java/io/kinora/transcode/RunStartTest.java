package io.kinora.transcode;

import io.kinora.video.EarlierRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class RunStartTest {

  private static final List<String> RUNGS = List.of("720p", "360p");
  private static final String AUDIO = LadderCommand.AUDIO;

  /** A stored EVENT playlist of {@code durations}, as an earlier run left it in the record. */
  private static String stored(String output, String rendition, double... durations) {
    StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n"
        + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MAP:URI=\"init_" + output + "_" + rendition
        + ".mp4\"\n");
    for (int i = 0; i < durations.length; i++) {
      playlist.append(String.format("#EXTINF:%.6f,%nseg_%s_%05d.m4s%n", durations[i], output, i));
    }
    return playlist.toString();
  }

  private static EarlierRun earlier(int videoSegments720, int videoSegments360, int audioSegments) {
    double[] video = {2, 2, 4, 4, 4, 4, 4};
    double[] audio = {2.005333, 2.005333, 2.005333, 1.984, 2.005333, 2.005333, 2.005333, 1.984};
    return new EarlierRun("r1", Map.of(
        "720p", stored("r1", "720p", java.util.Arrays.copyOf(video, videoSegments720)),
        "360p", stored("r1", "360p", java.util.Arrays.copyOf(video, videoSegments360)),
        AUDIO, stored("r1", AUDIO, java.util.Arrays.copyOf(audio, audioSegments))));
  }

  private static RunStart after(EarlierRun earlier) {
    return RunStart.after("v", earlier, RUNGS, AUDIO, 4, 25, 20);
  }

  @Test
  void segmentBoundariesAreHalfLengthTwiceAndThenWhole() {
    assertEquals(List.of(0.0, 2.0, 4.0, 8.0, 12.0),
        List.of(0, 1, 2, 3, 4).stream().map(k -> RunStart.boundary(k, 4)).toList());
  }

  @Test
  void aVideoWithoutAnEarlierRunStartsAtTheBeginning() {
    assertSame(RunStart.BEGINNING, after(null));
  }

  @Test
  void itContinuesAfterTheSegmentsEveryVideoRenditionHas() {
    RunStart start = after(earlier(4, 3, 5));

    assertEquals(3, start.firstSegment());
    assertEquals(8.0, start.startSeconds());
    assertEquals("r1", start.earlierOutput());
    assertEquals(List.of("init_r1_720p.mp4", "seg_r1_00000.m4s", "seg_r1_00001.m4s", "seg_r1_00002.m4s"),
        start.keptFiles("720p"));
    assertEquals(6, start.keptFiles(AUDIO).size(), "every stored audio segment, and its init file");
  }

  @Test
  void beforeItsFirstSegmentARenditionPlaysWhatWasKept() {
    RunStart start = after(earlier(3, 3, 5));

    assertEquals(stored("r1", "720p", 2, 2, 4), start.playlist("720p", null));
  }

  @Test
  void theNewVideoSegmentsFollowTheKeptOnesBehindTheKeptInitFile() {
    RunStart start = after(earlier(3, 3, 5));
    String written = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:3\n"
        + "#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MAP:URI=\"init_r2_720p.mp4\"\n"
        + "#EXTINF:4.000000,\nseg_r2_00003.m4s\n#EXTINF:4.000000,\nseg_r2_00004.m4s\n#EXT-X-ENDLIST\n";

    assertEquals(stored("r1", "720p", 2, 2, 4)
        + "#EXTINF:4.000000,\nseg_r2_00003.m4s\n#EXTINF:4.000000,\nseg_r2_00004.m4s\n#EXT-X-ENDLIST\n",
        start.playlist("720p", written));
  }

  @Test
  void theAudioIsEncodedAgainFromZeroAndOnlyWhatComesAfterTheKeptSegmentsIsAdded() {
    RunStart start = after(earlier(3, 3, 2));
    String written = stored("r2", AUDIO, 2.005333, 2.005333, 2.005333);

    assertEquals(stored("r1", AUDIO, 2.005333, 2.005333) + "#EXTINF:2.005333,\nseg_r2_00002.m4s\n",
        start.playlist(AUDIO, written));
    assertEquals(stored("r1", AUDIO, 2.005333, 2.005333),
        start.playlist(AUDIO, stored("r2", AUDIO, 2.005333)), "nothing new yet: the kept segments, never fewer");
  }

  @Test
  void anEarlierRunWithOtherRenditionsIsNotContinued() {
    EarlierRun otherLadder = new EarlierRun("r1", Map.of("1080p", stored("r1", "1080p", 2, 2, 4),
        AUDIO, stored("r1", AUDIO, 2.005333)));

    assertSame(RunStart.BEGINNING, after(otherLadder));
  }

  @Test
  void segmentsOfAnotherLengthAreNotContinued() {
    // stored with 6 s segments: 3, 3, 6 ends at 12 s, not on this run's boundary at 8 s
    EarlierRun sixSeconds = new EarlierRun("r1", Map.of("720p", stored("r1", "720p", 3, 3, 6),
        "360p", stored("r1", "360p", 3, 3, 6), AUDIO, stored("r1", AUDIO, 3.008)));

    assertSame(RunStart.BEGINNING, after(sixSeconds));
  }

  @Test
  void aRenditionWithoutAStoredSegmentMeansStartingOver() {
    assertSame(RunStart.BEGINNING, after(earlier(3, 0, 5)));
  }

  @Test
  void aVideoAllButEncodedStartsOver() {
    // 6 segments end at 20 s, the whole clip
    assertSame(RunStart.BEGINNING, after(earlier(7, 6, 8)));
  }
}
