package io.kinora.transcode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What ffprobe and ffmpeg may open when they read an upload: the local file itself, through a
 * real media container, and nothing it names. FFmpeg's demuxers otherwise follow references
 * inside a file: an HLS playlist or a concat list uploaded as a "video" would make the
 * transcoder read other files on this server (or URLs) and publish them as the uploader's video.
 */
final class SelfContainedInput {

  /**
   * Demuxers of real media containers, plus the single-image pipes (so a still image gets its own
   * sentence). Left out on purpose: hls, dash, concat, image2 (file patterns), sdp/rtp/rtsp,
   * tty, subtitles and every other format that reads a list of other files or streams.
   */
  static final String FORMATS = String.join(",", List.of(
      "mov", "matroska", "avi", "mpegts", "flv", "ogg", "mxf", "asf", "mpeg", "dv", "nut", "rm", "ivf",
      "h264", "hevc", "m4v", "wav", "mp3", "aac", "flac", "gif",
      "png_pipe", "jpeg_pipe", "bmp_pipe", "webp_pipe", "tiff_pipe"));

  /** Only the local file: no http, tcp, pipe, subfile, data or any other protocol. */
  static final String PROTOCOLS = "file";

  private static final int SNIFF_BYTES = 4096;

  private SelfContainedInput() {
  }

  /** The input options that hold ffprobe and ffmpeg to the above; they go before {@code -i}. */
  static List<String> inputOptions() {
    return List.of("-format_whitelist", FORMATS, "-protocol_whitelist", PROTOCOLS);
  }

  /**
   * Why a file that ffprobe would not open was refused, in words the uploader understands: a
   * playlist, a concat list, a stream description, text, or (when it is none of those) a file
   * that is damaged or in a format Kinora does not take.
   */
  static String refusal(Path file) {
    String head = head(file).toLowerCase(Locale.ROOT);
    // read as ISO-8859-1, a UTF-8 byte-order mark is these three characters
    String trimmed = head.replaceFirst("^\u00ef\u00bb\u00bf", "").stripLeading();
    if (trimmed.startsWith("#extm3u") || head.contains("#ext-x-")) {
      return "This is a playlist (an .m3u8 or .m3u file), not a video: it only points to other files. "
          + "Upload the video file itself, such as MP4, MOV, MKV or WebM.";
    }
    if (trimmed.startsWith("ffconcat") || trimmed.startsWith("file '") || trimmed.startsWith("file \"")) {
      return "This is an FFmpeg concat list, not a video: it names other files. Join the clips in your editor "
          + "and upload the video file itself.";
    }
    if (trimmed.startsWith("v=0") || trimmed.startsWith("<?xml") || trimmed.startsWith("<mpd")) {
      return "This describes a stream elsewhere (an SDP or DASH manifest), not a video. "
          + "Upload the video file itself, such as MP4, MOV, MKV or WebM.";
    }
    if (!head.isEmpty() && isText(head)) {
      return "This looks like a text file, not a video. Upload a video file such as MP4, MOV, MKV or WebM.";
    }
    return "We could not read this file as a video: it is damaged, incomplete or not a media format "
        + "Kinora takes. Upload a video file such as MP4, MOV, MKV or WebM.";
  }

  private static String head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /** Printable ASCII and whitespace only: no media container starts like that. */
  private static boolean isText(String head) {
    return head.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f));
  }
}
