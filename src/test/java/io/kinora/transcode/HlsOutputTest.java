package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HlsOutputTest {

  @TempDir
  Path dir;

  private void segment(String name, int bytes) throws IOException {
    Files.write(dir.resolve(name), new byte[bytes]);
  }

  private void playlist(String... body) throws IOException {
    String head = "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n"
        + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-INDEPENDENT-SEGMENTS\n";
    Files.writeString(dir.resolve("index.m3u8"), head + String.join("\n", body) + "\n#EXT-X-ENDLIST\n");
  }

  @Test
  void peakIsTheHighestSegmentBitRateAndAverageIsOverTheWholeRendition() throws IOException {
    segment("seg_00000.ts", 500_000);   // 4 s -> 1,000,000 bit/s
    segment("seg_00001.ts", 1_000_000); // 4 s -> 2,000,000 bit/s
    segment("seg_00002.ts", 750_000);   // 4 s -> 1,500,000 bit/s
    playlist("#EXTINF:4.000000,", "seg_00000.ts", "#EXTINF:4.000000,", "seg_00001.ts",
        "#EXTINF:4.000000,", "seg_00002.ts");

    HlsOutput.Bitrates rates = HlsOutput.measure(dir);

    assertEquals(2_000_000, rates.peak());
    assertEquals(1_500_000, rates.average());
  }

  @Test
  void shortLastSegmentDoesNotSetThePeak() throws IOException {
    segment("seg_00000.ts", 500_000);   // 4 s -> 1,000,000 bit/s
    segment("seg_00001.ts", 1_000_000); // 4 s -> 2,000,000 bit/s
    segment("seg_00002.ts", 200_000);   // 0.5 s -> 3,200,000 bit/s, a noisy sliver
    playlist("#EXTINF:4.000000,", "seg_00000.ts", "#EXTINF:4.000000,", "seg_00001.ts",
        "#EXTINF:0.500000,", "seg_00002.ts");

    HlsOutput.Bitrates rates = HlsOutput.measure(dir);

    assertEquals(2_000_000, rates.peak());
    assertEquals(1_600_000, rates.average()); // 1,700,000 bytes * 8 / 8.5 s
  }

  @Test
  void onlyShortSegmentsStillGiveAPeak() throws IOException {
    segment("seg_00000.ts", 50_000); // 0.5 s -> 800,000 bit/s
    playlist("#EXTINF:0.500000,", "seg_00000.ts");

    HlsOutput.Bitrates rates = HlsOutput.measure(dir);

    assertEquals(800_000, rates.peak());
    assertEquals(800_000, rates.average());
  }

  @Test
  void peakIsNeverBelowTheAverage() throws IOException {
    segment("seg_00000.ts", 100_000); // 4 s -> 200,000 bit/s
    segment("seg_00001.ts", 900_000); // 0.9 s -> 8,000,000 bit/s, excluded from the peak
    playlist("#EXTINF:4.000000,", "seg_00000.ts", "#EXTINF:0.900000,", "seg_00001.ts");

    HlsOutput.Bitrates rates = HlsOutput.measure(dir);

    assertEquals(1_632_653, rates.average()); // 1,000,000 bytes * 8 / 4.9 s
    assertEquals(rates.average(), rates.peak());
  }

  @Test
  void extinfWithATitleIsParsed() throws IOException {
    segment("seg_00000.ts", 250_000); // 2 s -> 1,000,000 bit/s
    playlist("#EXTINF:2.0,segment title", "seg_00000.ts");

    assertEquals(1_000_000, HlsOutput.measure(dir).peak());
  }

  @Test
  void playlistWithoutSegmentsIsAnError() throws IOException {
    playlist();

    assertThrows(IOException.class, () -> HlsOutput.measure(dir));
  }

  @Test
  void missingSegmentFileIsAnError() throws IOException {
    playlist("#EXTINF:4.000000,", "seg_00000.ts");

    assertThrows(IOException.class, () -> HlsOutput.measure(dir));
  }

  private static final String EVENT_MID_RUN = """
      #EXTM3U
      #EXT-X-VERSION:7
      #EXT-X-TARGETDURATION:4
      #EXT-X-MEDIA-SEQUENCE:0
      #EXT-X-PLAYLIST-TYPE:EVENT
      #EXT-X-INDEPENDENT-SEGMENTS
      #EXT-X-MAP:URI="init_720p.mp4"
      #EXTINF:4.000000,
      seg_00000.m4s
      #EXTINF:4.000000,
      seg_00001.m4s
      """;

  @Test
  void theFilesAPlaylistListsAreItsInitFileThenItsSegments() {
    assertEquals(java.util.List.of("init_720p.mp4", "seg_00000.m4s", "seg_00001.m4s"),
        HlsOutput.listedFiles(EVENT_MID_RUN));
  }

  @Test
  void namesWithDirectoriesAreNeverListed() {
    String odd = EVENT_MID_RUN.replace("seg_00001.m4s", "../other/seg_00001.m4s")
        .replace("init_720p.mp4", "/etc/init.mp4");

    assertEquals(java.util.List.of("seg_00000.m4s"), HlsOutput.listedFiles(odd));
  }

  @Test
  void aFinishedEventPlaylistIsStoredAsVodAndARunningOneIsLeftAlone() {
    String done = EVENT_MID_RUN + "#EXT-X-ENDLIST\n";

    assertEquals(done.replace("TYPE:EVENT", "TYPE:VOD"), HlsOutput.finalPlaylist(done));
    assertEquals(EVENT_MID_RUN, HlsOutput.finalPlaylist(EVENT_MID_RUN));
  }

  private static final String GROWING = """
      #EXTM3U
      #EXT-X-VERSION:7
      #EXT-X-TARGETDURATION:4
      #EXT-X-MEDIA-SEQUENCE:0
      #EXT-X-PLAYLIST-TYPE:EVENT
      #EXT-X-MAP:URI="init_r1_360p.mp4"
      #EXTINF:2.000000,
      seg_r1_00000.m4s
      #EXTINF:2.000000,
      seg_r1_00001.m4s
      """;

  @Test
  void aGrowingPlaylistIsNothingUntilItsInitAndFirstSegmentAreStored() {
    assertNull(HlsOutput.storedSoFar(GROWING, Set.of("seg_r1_00000.m4s")::contains));
    assertNull(HlsOutput.storedSoFar(GROWING, Set.of("init_r1_360p.mp4")::contains));
  }

  @Test
  void aGrowingPlaylistIsCutBeforeItsFirstSegmentNotYetStored() {
    String soFar = HlsOutput.storedSoFar(GROWING, Set.of("init_r1_360p.mp4", "seg_r1_00000.m4s")::contains);

    assertEquals(GROWING.substring(0, GROWING.indexOf("#EXTINF:2.000000,\nseg_r1_00001")), soFar);
  }

  @Test
  void theEndMarkComesOnlyWithTheLastSegmentStored() {
    String ended = GROWING + "#EXT-X-ENDLIST\n";
    Set<String> all = Set.of("init_r1_360p.mp4", "seg_r1_00000.m4s", "seg_r1_00001.m4s");

    assertEquals(ended, HlsOutput.storedSoFar(ended, all::contains));
    assertEquals(GROWING.substring(0, GROWING.indexOf("#EXTINF:2.000000,\nseg_r1_00001")),
        HlsOutput.storedSoFar(ended, Set.of("init_r1_360p.mp4", "seg_r1_00000.m4s")::contains));
  }
}
