package io.kinora.transcode;

import com.github.kokorin.jaffree.Rational;
import com.github.kokorin.jaffree.StreamType;
import com.github.kokorin.jaffree.ffprobe.FFprobe;
import com.github.kokorin.jaffree.ffprobe.FFprobeResult;
import com.github.kokorin.jaffree.ffprobe.SideData;
import com.github.kokorin.jaffree.ffprobe.Stream;

import io.kinora.video.VideoLimits;
import io.kinora.video.captions.CaptionStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffprobe (blocking; worker threads only) and decides whether an input can become a video.
 * Every refusal is an {@link InputRejected} with a sentence the uploader can act on.
 */
public final class MediaProbe {

  private static final Set<String> STILL_IMAGE_CODECS = Set.of("png", "mjpeg", "bmp", "tiff",
      "webp", "jpeg2000", "jpegls", "gif", "pam", "ppm", "pgm", "pbm", "qoi", "dpx", "exr", "sgi");
  private static final Set<String> TEXT_CODECS = Set.of("ansi", "bintext", "xbin", "idf");

  private static final int ERRORS_TIMEOUT_SECONDS = 10;
  private static final int ERRORS_MAX_BYTES = 4096;

  private final Path ffmpegDir;
  private final VideoLimits limits;

  public MediaProbe(Path ffmpegDir, VideoLimits limits) {
    this.ffmpegDir = ffmpegDir;
    this.limits = limits;
  }

  /**
   * ffprobe's own error lines about a file it would not open (Jaffree sends them to its log only),
   * for an administrator. Runs ffprobe once more, bounded in time and output.
   */
  private List<String> probeErrors(Path file) {
    List<String> command = new ArrayList<>(List.of(
        ffmpegDir == null ? "ffprobe" : ffmpegDir.resolve("ffprobe").toString(), "-v", "error", "-hide_banner"));
    command.addAll(SelfContainedInput.inputOptions());
    command.addAll(List.of("-i", file.toString()));
    try {
      Process ffprobe = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!ffprobe.waitFor(ERRORS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        ffprobe.destroyForcibly();
      }
      try (InputStream out = ffprobe.getInputStream()) {
        byte[] head = out.readNBytes(Math.min(out.available(), ERRORS_MAX_BYTES));
        return new String(head, StandardCharsets.UTF_8).lines().limit(20).toList();
      }
    } catch (IOException e) {
      return List.of(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  public SourceInfo probe(Path file) throws InputRejected {
    FFprobeResult result;
    try {
      FFprobe ffprobe = FFprobe.atPath(ffmpegDir).setShowStreams(true).setShowFormat(true);
      // held to the file itself, through a real container: see SelfContainedInput
      SelfContainedInput.inputOptions().forEach(ffprobe::addArgument);
      result = ffprobe.setInput(file).execute();
    } catch (RuntimeException e) {
      throw new InputRejected(SelfContainedInput.refusal(file), probeErrors(file));
    }
    List<Stream> streams = result.getStreams() == null ? List.of() : result.getStreams();
    Stream video = streams.stream()
        .filter(s -> s.getCodecType() == StreamType.VIDEO)
        .filter(s -> !Boolean.TRUE.equals(s.getDisposition() == null ? null : s.getDisposition().getAttachedPic()))
        .findFirst().orElse(null);
    boolean hasAudio = streams.stream().anyMatch(s -> s.getCodecType() == StreamType.AUDIO);
    if (video == null) {
      throw new InputRejected(hasAudio
          ? "No video stream found: this file has only audio. Upload a file that contains video."
          : "No video stream found in this file. Upload a video file such as MP4, MOV, MKV or WebM.");
    }
    String codec = String.valueOf(video.getCodecName());
    if (TEXT_CODECS.contains(codec)) {
      throw new InputRejected("This looks like a text file, not a video. Upload a video file such as MP4, MOV, MKV or WebM.");
    }
    String format = String.valueOf(result.getFormat() == null ? "" : result.getFormat().getFormatName());
    double duration = duration(result, video);
    Integer frames = video.getNbFrames();
    boolean imageContainer = format.startsWith("image2") || format.endsWith("_pipe");
    if (STILL_IMAGE_CODECS.contains(codec) && (imageContainer || duration <= 0 || (frames != null && frames <= 1))) {
      throw new InputRejected("This is a still image, not a video. Upload a video file; "
          + "to show a picture, make a short video of it first.");
    }
    if (duration <= 0) {
      throw new InputRejected("The video has no duration: it is probably cut off or still being "
          + "recorded. Export the finished file again and upload it.");
    }
    if (duration > limits.maxDurationSeconds()) {
      throw new InputRejected("The video is " + VideoLimits.humanDuration(duration) + " long, longer than the "
          + VideoLimits.humanDuration(limits.maxDurationSeconds()) + " limit. Trim it and upload again.");
    }
    int width = video.getWidth() == null ? 0 : video.getWidth();
    int height = video.getHeight() == null ? 0 : video.getHeight();
    if (width <= 0 || height <= 0) {
      throw new InputRejected("The video stream has no picture size, so it cannot be decoded. "
          + "Re-export the file as H.264 MP4 and upload again.");
    }
    if (width > limits.maxDimension() || height > limits.maxDimension()) {
      throw new InputRejected("The frame is " + width + "×" + height + " pixels, larger than the "
          + limits.maxDimension() + " px limit on either side. Downscale it and upload again.");
    }
    double sar = aspect(video.getSampleAspectRatio());
    double displayWidth = width * sar;
    double displayHeight = height;
    if (Math.abs(rotation(video)) % 180 == 90) {
      double swap = displayWidth;
      displayWidth = displayHeight;
      displayHeight = swap;
    }
    int audioIndex = streams.stream().filter(s -> s.getCodecType() == StreamType.AUDIO)
        .sorted((a, b) -> Boolean.compare(isDefault(b), isDefault(a)))
        .map(Stream::getIndex).findFirst().orElse(-1);
    List<SubtitleStreams.Stream> subtitles = streams.stream()
        .filter(s -> s.getCodecType() == StreamType.SUBTITLE)
        .filter(s -> SubtitleStreams.TEXT_CODECS.contains(String.valueOf(s.getCodecName())))
        .limit(CaptionStore.MAX_TRACKS)
        .map(s -> new SubtitleStreams.Stream(s.getIndex(), s.getTag("language"), s.getTag("title")))
        .toList();
    return new SourceInfo(duration, (int) Math.round(displayWidth), (int) Math.round(displayHeight),
        video.getIndex(), audioIndex, frameRate(video), codec, subtitles);
  }

  private static double duration(FFprobeResult result, Stream video) {
    Float format = result.getFormat() == null ? null : result.getFormat().getDuration();
    if (format != null && format > 0) {
      return format;
    }
    Float stream = video.getDuration();
    return stream == null ? 0 : stream;
  }

  private static double aspect(Rational sar) {
    if (sar == null || sar.getNumerator() <= 0 || sar.getDenominator() <= 0) {
      return 1.0;
    }
    return sar.doubleValue();
  }

  private static int rotation(Stream video) {
    if (video.getSideDataList() != null) {
      for (SideData side : video.getSideDataList()) {
        Integer rotation = side.getRotation();
        if (rotation != null) {
          return rotation;
        }
      }
    }
    String tag = video.getTag("rotate");
    try {
      return tag == null ? 0 : Integer.parseInt(tag.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static double frameRate(Stream video) {
    Rational avg = video.getAvgFrameRate();
    if (avg != null && avg.getDenominator() > 0 && avg.getNumerator() > 0) {
      return avg.doubleValue();
    }
    Rational r = video.getRFrameRate();
    return r != null && r.getDenominator() > 0 ? r.doubleValue() : 30.0;
  }

  private static boolean isDefault(Stream s) {
    return s.getDisposition() != null && Boolean.TRUE.equals(s.getDisposition().getDefault());
  }
}
