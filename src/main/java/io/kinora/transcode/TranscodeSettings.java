package io.kinora.transcode;

import java.nio.file.Path;
import java.util.List;

/**
 * How a node turns originals into a ladder.
 *
 * @param ladder         short sides of the renditions, e.g. 1080, 720, 480, 360
 * @param ffmpegDir      where ffmpeg and ffprobe are (blank = from PATH, through the wrappers)
 * @param tempDir        per-job work directories; wiped when the node starts
 * @param loudness       the loudness the audio is brought to
 */
public record TranscodeSettings(List<Integer> ladder, int segmentSeconds, String x264Preset, String ffmpegDir,
                                Path tempDir, LoudnessTarget loudness) {
}
