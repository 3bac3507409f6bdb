package io.kinora.transcode;

import io.kinora.support.Clips;
import io.kinora.video.EarlierRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A continuing run's segments play behind the kept init file only if its own init file describes
 * the samples the same way; real init files from ffmpeg, one rendition: the same settings pass,
 * another x264 preset (other parameter sets: ultrafast has no CABAC) stops the run.
 */
@Tag("fast")
class ContinuedInitsIT {

  @TempDir
  Path dir;

  /** The 1 s of fMP4 HLS ffmpeg writes into {@code out/360p/} with {@code preset}, its init named for {@code run}. */
  private Path encode(String run, String preset) throws Exception {
    Path out = Files.createDirectories(dir.resolve(run).resolve("360p"));
    Clips.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=320x180:rate=25:duration=1", "-c:v", "libx264", "-preset", preset, "-profile:v", "high",
        "-f", "hls", "-hls_time", "1", "-hls_playlist_type", "event", "-hls_segment_type", "fmp4",
        "-hls_fmp4_init_filename", "init_" + run + "_360p.mp4",
        "-hls_segment_filename", out.resolve("seg_" + run + "_%05d.m4s").toString(),
        out.resolve(HlsOutput.PLAYLIST).toString()));
    return out;
  }

  /** A continuing run in {@code out}: the kept init file of the earlier run beside this run's own files. */
  private ContinuedInits continuing(Path earlier, Path out) throws Exception {
    String keptPlaylist = Files.readString(earlier.resolve(HlsOutput.PLAYLIST));
    for (String file : HlsOutput.listedFiles(keptPlaylist)) {
      Files.copy(earlier.resolve(file), out.resolve(file));
    }
    RunStart start = RunStart.after("v", new EarlierRun("r1", Map.of("360p", keptPlaylist)), List.of("360p"), null,
        2, 25, 60);
    return new ContinuedInits(start, out.getParent(), List.of("360p"));
  }

  @Test
  void theSameEncoderSettingsContinue() throws Exception {
    ContinuedInits inits = continuing(encode("r1", "veryfast"), encode("r2", "veryfast"));

    assertDoesNotThrow(inits::check);
  }

  @Test
  void otherParameterSetsStartTheRunOver() throws Exception {
    ContinuedInits inits = continuing(encode("r1", "veryfast"), encode("r2", "ultrafast"));

    assertThrows(ContinuationRefused.class, inits::check);
  }
}
