package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class Mp4RemuxTest {

  private static final Path OUT = Path.of("/w/out");
  private static final List<Mp4Remux.Target> TWO = List.of(
      new Mp4Remux.Target(OUT.resolve("720p/index.m3u8"), OUT.resolve("downloads/720p.mp4")),
      new Mp4Remux.Target(OUT.resolve("360p/index.m3u8"), OUT.resolve("downloads/360p.mp4")));

  @Test
  void muxedAudioSegmentsAreCopiedFromEachRenditionsOwnPlaylist() {
    List<String> args = Mp4Remux.arguments(TWO, null);

    assertEquals(2, Collections.frequency(args, "-i"));
    assertEquals(List.of("-format_whitelist", "hls,mpegts,mov", "-protocol_whitelist", "file", "-f", "hls",
        "-i", "/w/out/720p/index.m3u8"), args.subList(2, 10));
    int second = args.indexOf("/w/out/downloads/720p.mp4") + 1;
    assertEquals(List.of("-map", "1:v:0", "-map", "1:a:0?", "-c", "copy", "-bsf:a", "aac_adtstoasc",
        "-movflags", "+faststart", "-f", "mp4", "/w/out/downloads/360p.mp4"), args.subList(second, args.size()));
  }

  @Test
  void aSeparateAudioRenditionIsReadOnceAndMappedIntoEveryDownload() {
    List<String> args = Mp4Remux.arguments(TWO, OUT.resolve("audio/index.m3u8"));

    assertEquals(3, Collections.frequency(args, "-i"));
    assertEquals(2, Collections.frequency(args, "2:a:0"));
    assertEquals(List.of("0:v:0", "2:a:0", "1:v:0", "2:a:0"),
        List.of(args.get(args.indexOf("0:v:0")), args.get(args.indexOf("0:v:0") + 2),
            args.get(args.indexOf("1:v:0")), args.get(args.indexOf("1:v:0") + 2)));
    // never re-encodes: every output is a stream copy
    assertEquals(2, Collections.frequency(args, "copy"));
    assertEquals(-1, args.indexOf("-c:v"));
  }
}
