package io.kinora.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class LadderCommandTest {

  private static final Path INPUT = Path.of("/tmp/work/source");
  private static final Path OUT = Path.of("/tmp/work/out");
  private static final SourceInfo WITH_AUDIO = new SourceInfo(120, 1920, 1080, 0, 1, 30, "h264", java.util.List.of());
  private static final SourceInfo SILENT = new SourceInfo(120, 1920, 1080, 0, -1, 30, "h264", java.util.List.of());
  private static final List<Ladder.Rung> RUNGS = Ladder.plan(List.of(1080, 720, 480, 360), 1920, 1080, 30);

  private static TranscodeSettings settings(int segmentSeconds) {
    return new TranscodeSettings(List.of(1080, 720, 480, 360), segmentSeconds, "veryfast", "", OUT.getParent(),
        LoudnessTarget.OFF);
  }

  private static List<String> args(SourceInfo source) {
    return LadderCommand.arguments(INPUT, source, RUNGS, OUT, "r1", settings(4), RunStart.BEGINNING);
  }

  private static String valueOf(List<String> args, String option) {
    int at = args.indexOf(option);
    assertTrue(at >= 0 && at + 1 < args.size(), option + " missing from " + args);
    return args.get(at + 1);
  }

  private static List<String> valuesOf(List<String> args, String option) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(option)) {
        values.add(args.get(i + 1));
      }
    }
    return values;
  }

  @Test
  void theInputIsHeldToTheFileItselfThroughARealContainer() {
    List<String> args = args(WITH_AUDIO);
    int input = args.indexOf("-i");

    assertEquals(SelfContainedInput.FORMATS, valueOf(args, "-format_whitelist"));
    assertEquals("file", valueOf(args, "-protocol_whitelist"));
    assertTrue(args.indexOf("-format_whitelist") < input && args.indexOf("-protocol_whitelist") < input,
        "input options come before -i");
  }

  @Test
  void sourceIsDecodedOnce() {
    List<String> args = args(WITH_AUDIO);

    assertEquals(1, Collections.frequency(args, "-i"));
    assertEquals(INPUT.toString(), valueOf(args, "-i"));
  }

  @Test
  void oneFilterGraphSplitsTheDecodedVideoIntoEveryRungPlusThePoster() {
    List<String> args = args(WITH_AUDIO);

    assertEquals(1, Collections.frequency(args, "-filter_complex"));
    String graph = valueOf(args, "-filter_complex");
    assertTrue(graph.startsWith("[0:0]"), graph);
    assertTrue(graph.contains("split=6[s0][s1][s2][s3][sp][sb]"), graph);
  }

  @Test
  void everyRungIsScaledToItsPlannedSize() {
    String graph = valueOf(args(WITH_AUDIO), "-filter_complex");

    assertTrue(graph.contains("[s0]scale=1920:1080:flags=bicubic,setsar=1[v0]"), graph);
    assertTrue(graph.contains("[s1]scale=1280:720:flags=bicubic,setsar=1[v1]"), graph);
    assertTrue(graph.contains("[s2]scale=854:480:flags=bicubic,setsar=1[v2]"), graph);
    assertTrue(graph.contains("[s3]scale=640:360:flags=bicubic,setsar=1[v3]"), graph);
  }

  @Test
  void posterIsTakenAtTheTopRungSizeFromTheSameDecode() {
    String graph = valueOf(args(WITH_AUDIO), "-filter_complex");

    assertTrue(graph.contains(";[sp]select='isnan(prev_selected_t)*gte(t\\,5.000)',scale=1920:1080,setsar=1[poster]"), graph);
  }

  @Test
  void posterTimeIsAFifthInButAtMostFiveSeconds() {
    assertEquals(1.0, LadderCommand.posterTime(5), 1e-9);
    assertEquals(5.0, LadderCommand.posterTime(3600), 1e-9);
    assertEquals(0.0, LadderCommand.posterTime(0), 1e-9);
  }

  @Test
  void frameRatesAboveSixtyAreCappedInTheGraph() {
    SourceInfo fast = new SourceInfo(10, 1920, 1080, 0, 1, 120, "h264", java.util.List.of());

    String graph = valueOf(LadderCommand.arguments(INPUT, fast, RUNGS, OUT, "r1", settings(4), RunStart.BEGINNING), "-filter_complex");

    assertTrue(graph.startsWith("[0:0]fps=60,format=yuv420p,split="), graph);
  }

  @Test
  void ordinaryFrameRatesAreNotResampled() {
    String graph = valueOf(args(WITH_AUDIO), "-filter_complex");

    assertTrue(graph.startsWith("[0:0]format=yuv420p,split="), graph);
    // the only fps filter is the storyboard's, on its own branch
    assertEquals(graph.indexOf("[sb]fps="), graph.indexOf("fps=") - 4, graph);
  }

  @Test
  void theVideoStreamIndexOfTheProbeIsUsed() {
    SourceInfo videoSecond = new SourceInfo(120, 1920, 1080, 1, 0, 30, "h264", java.util.List.of());

    List<String> args = LadderCommand.arguments(INPUT, videoSecond, RUNGS, OUT, "r1", settings(4), RunStart.BEGINNING);

    assertTrue(valueOf(args, "-filter_complex").startsWith("[0:1]"));
    assertEquals(List.of("[v0]", "[v1]", "[v2]", "[v3]", "0:0", "[thumbs]", "[poster]"), valuesOf(args, "-map"));
  }

  @Test
  void varStreamMapPutsTheAudioInItsOwnRenditionThatEveryRungNamesAsItsGroup() {
    assertEquals("a:0,agroup:aud,name:audio v:0,agroup:aud,name:1080p v:1,agroup:aud,name:720p "
            + "v:2,agroup:aud,name:480p v:3,agroup:aud,name:360p",
        valueOf(args(WITH_AUDIO), "-var_stream_map"));
  }

  @Test
  void varStreamMapOfASilentSourceHasNoAudio() {
    assertEquals("v:0,name:1080p v:1,name:720p v:2,name:480p v:3,name:360p",
        valueOf(args(SILENT), "-var_stream_map"));
  }

  @Test
  void audioIsMappedAndEncodedOnceWhenTheSourceHasAudio() {
    List<String> args = args(WITH_AUDIO);

    assertEquals(List.of("[v0]", "[v1]", "[v2]", "[v3]", "0:1", "[thumbs]", "[poster]"), valuesOf(args, "-map"));
    assertEquals("aac", valueOf(args, "-c:a"));
  }

  @Test
  void silentSourceMapsNoAudioAndEncodesNone() {
    List<String> args = args(SILENT);

    assertEquals(List.of("[v0]", "[v1]", "[v2]", "[v3]", "[thumbs]", "[poster]"), valuesOf(args, "-map"));
    assertFalse(args.contains("-c:a"));
  }

  @Test
  void keyframesAreForcedOnSegmentBoundaries() {
    List<String> args = args(WITH_AUDIO);

    assertEquals("expr:if(lt(t,4),gte(t,n_forced*2.000),gte(t,4*(n_forced-1)))", valueOf(args, "-force_key_frames"));
    assertEquals("4", valueOf(args, "-hls_time"));
    assertEquals("2.000", valueOf(args, "-hls_init_time"), "a half-length first segment: playable sooner");
    assertEquals("0", valueOf(args, "-sc_threshold"));
  }

  @Test
  void segmentLengthIsTakenFromTheArgument() {
    List<String> args = LadderCommand.arguments(INPUT, WITH_AUDIO, RUNGS, OUT, "r1", settings(6), RunStart.BEGINNING);

    assertEquals("expr:if(lt(t,6),gte(t,n_forced*3.000),gte(t,6*(n_forced-1)))", valueOf(args, "-force_key_frames"));
    assertEquals("6", valueOf(args, "-hls_time"));
    assertEquals("3.000", valueOf(args, "-hls_init_time"));
  }

  @Test
  void eachRungGetsItsOwnRateControlAndLevel() {
    List<String> args = args(WITH_AUDIO);

    for (int i = 0; i < RUNGS.size(); i++) {
      Ladder.Rung r = RUNGS.get(i);
      assertEquals(r.videoKbps() + "k", valueOf(args, "-b:v:" + i));
      assertEquals(r.maxrateKbps() + "k", valueOf(args, "-maxrate:v:" + i));
      assertEquals(r.bufsizeKbps() + "k", valueOf(args, "-bufsize:v:" + i));
      assertEquals(r.level().label(), valueOf(args, "-level:v:" + i));
    }
  }

  @Test
  void encoderIsX264HighProfileWithTheConfiguredPreset() {
    List<String> args = args(WITH_AUDIO);

    assertEquals("libx264", valueOf(args, "-c:v"));
    assertEquals("high", valueOf(args, "-profile:v"));
    assertEquals("veryfast", valueOf(args, "-preset"));
  }

  @Test
  void hlsOutputIsAnEventPlaylistPerRenditionWithAnInitFileAndNumberedFmp4Segments() {
    List<String> args = args(WITH_AUDIO);

    assertEquals("hls", valueOf(args, "-f"));
    assertEquals("event", valueOf(args, "-hls_playlist_type"));
    assertEquals("fmp4", valueOf(args, "-hls_segment_type"));
    assertEquals("init_r1_%v.mp4", valueOf(args, "-hls_fmp4_init_filename"));
    assertEquals(OUT.resolve("%v").resolve("seg_r1_%05d.m4s").toString(), valueOf(args, "-hls_segment_filename"));
    assertEquals(OUT.resolve("%v").resolve("index.m3u8").toString(),
        args.get(args.indexOf("-var_stream_map") + 2));
  }

  @Test
  void posterOutputComesLast() {
    List<String> args = args(WITH_AUDIO);
    int n = args.size();

    assertEquals(OUT.resolve("poster.jpg").toString(), args.get(n - 1));
    assertEquals(List.of("-map", "[poster]", "-frames:v", "1"), args.subList(args.lastIndexOf("-map"),
        args.lastIndexOf("-map") + 4));
    assertTrue(args.lastIndexOf("-map") > args.indexOf(OUT.resolve("%v").resolve("index.m3u8").toString()));
  }

  @Test
  void aSingleRungLadderSplitsInTwo() {
    List<Ladder.Rung> one = Ladder.plan(List.of(1080, 720, 480, 360), 176, 144, 15);
    SourceInfo qcif = new SourceInfo(30, 176, 144, 0, 1, 15, "h263", java.util.List.of());

    List<String> args = LadderCommand.arguments(INPUT, qcif, one, OUT, "r1", settings(4), RunStart.BEGINNING);

    assertTrue(valueOf(args, "-filter_complex").contains("split=3[s0][sp][sb]"));
    assertEquals("a:0,agroup:aud,name:audio v:0,agroup:aud,name:144p", valueOf(args, "-var_stream_map"));
  }

  @Test
  void aSingleVariantRunNamesItsInitFileItselfBecauseFfmpegKeepsPercentVThere() {
    List<Ladder.Rung> one = Ladder.plan(List.of(1080, 720, 480, 360), 160, 120, 15);
    SourceInfo tinySilent = new SourceInfo(2, 160, 120, 0, -1, 15, "h264", java.util.List.of());

    List<String> args = LadderCommand.arguments(INPUT, tinySilent, one, OUT, "r1", settings(4), RunStart.BEGINNING);

    assertEquals("v:0,name:120p", valueOf(args, "-var_stream_map"));
    assertEquals("init_r1_120p.mp4", valueOf(args, "-hls_fmp4_init_filename"));
  }

  @Test
  void theSameRunDrawsAStoryboardThumbnailEveryTwoSecondsBesideTheOutput() {
    List<String> args = args(WITH_AUDIO);
    String graph = valueOf(args, "-filter_complex");

    // 120 s: a thumbnail every 2 s, 160x90 for 16:9; tiled into sheets after the run
    assertTrue(graph.contains(";[sb]fps=1000/2000,scale=160:90:flags=bicubic,setsar=1[thumbs]"), graph);
    int thumbs = args.indexOf("[thumbs]");
    assertEquals(List.of("-fps_mode", "passthrough", "-q:v", "5", "-f", "image2",
        OUT.resolveSibling("thumbnails").resolve("thumb_%04d.jpg").toString()), args.subList(thumbs + 1, thumbs + 8));
  }

  @Test
  void longVideosGetAWiderThumbnailInterval() {
    SourceInfo hour = new SourceInfo(3600, 1920, 1080, 0, 1, 30, "h264", java.util.List.of());

    String graph = valueOf(LadderCommand.arguments(INPUT, hour, RUNGS, OUT, "r1", settings(4), RunStart.BEGINNING), "-filter_complex");

    assertTrue(graph.contains("[sb]fps=1000/18000,"), graph);
  }

  @Test
  void aContinuingRunEncodesTheVideoFromTheBoundaryAndNumbersAndTimesItsSegmentsOnFromThere() {
    String kept = "#EXTM3U\n#EXT-X-MAP:URI=\"init_r1_%s.mp4\"\n#EXTINF:2.0,\nseg_r1_00000.m4s\n#EXTINF:2.0,\n"
        + "seg_r1_00001.m4s\n#EXTINF:4.0,\nseg_r1_00002.m4s\n";
    java.util.Map<String, String> playlists = new java.util.HashMap<>();
    RUNGS.forEach(rung -> playlists.put(rung.name(), String.format(kept, rung.name())));
    playlists.put(LadderCommand.AUDIO, String.format(kept, LadderCommand.AUDIO));
    RunStart start = RunStart.after("v", new io.kinora.video.EarlierRun("r1", playlists),
        RUNGS.stream().map(Ladder.Rung::name).toList(), LadderCommand.AUDIO, 4, 30, 120);

    List<String> args = LadderCommand.arguments(INPUT, WITH_AUDIO, RUNGS, OUT, "r2", settings(4), start);

    int second = args.lastIndexOf("-i");
    assertEquals(2, Collections.frequency(args, "-i"), "the whole file for audio, poster and storyboard, and the video");
    assertEquals("8.000", args.get(args.indexOf("-ss") + 1));
    assertTrue(args.indexOf("-ss") < second && args.indexOf("-ss") > args.indexOf("-i"), "input seeking, second input");
    assertTrue(valueOf(args, "-filter_complex").startsWith("[1:0]format=yuv420p,split=4"), "the ladder from the seek");
    assertEquals("8.000", valueOf(args, "-output_ts_offset"));
    assertEquals("movflags=+frag_discont", valueOf(args, "-hls_segment_options"));
    assertEquals(List.of("3"), valuesOf(args, "-start_number"), "the video on from segment 3; the audio from 0, the default");
    assertEquals(List.of("v:0,name:1080p v:1,name:720p v:2,name:480p v:3,name:360p", "a:0,name:audio"),
        valuesOf(args, "-var_stream_map"));
    assertEquals("init_r2_audio.mp4", valuesOf(args, "-hls_fmp4_init_filename").get(1), "a single variant, named out");
    assertEquals("expr:if(lt((t+8.000),4),gte((t+8.000),(n_forced+3)*2.000),gte((t+8.000),4*((n_forced+3)-1)))",
        valueOf(args, "-force_key_frames"), "the same instants as a run from the beginning");
  }

  @Test
  void theAudioIsBroughtToTheLoudnessTargetInTheSameRun() {
    TranscodeSettings normalising = new TranscodeSettings(List.of(1080), 4, "veryfast", "", OUT.getParent(),
        LoudnessTarget.of(-16, -1.5));

    List<String> args = LadderCommand.arguments(INPUT, WITH_AUDIO, RUNGS, OUT, "r1", normalising, RunStart.BEGINNING);

    assertEquals("loudnorm=I=-16.0:TP=-1.5:LRA=11:print_format=json", valueOf(args, "-filter:a"));
    assertTrue(args.indexOf("-filter:a") < args.indexOf("-c:a"));
    assertFalse(args(WITH_AUDIO).contains("-filter:a"), "off: the source's loudness");
  }
}
