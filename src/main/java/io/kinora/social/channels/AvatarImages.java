package io.kinora.social.channels;

import io.kinora.platform.error.KinoraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns an uploaded picture into a channel's avatar: a 256x256 JPEG, cropped to the middle and
 * laid on white (a transparent PNG does not turn black). ffmpeg does it, under a strict leash,
 * because the bytes come from anyone:
 * <ul>
 *   <li>the format is decided here from the file's first bytes and forced with {@code -f}, so
 *       ffmpeg never probes for a playlist, concat list or other format that names further inputs;</li>
 *   <li>{@code -protocol_whitelist file}: the only input is our own temp file (by a path we
 *       made, with the {@code file:} prefix), nothing on the network;</li>
 *   <li>{@code -max_pixels}: a picture that decodes to a giant frame is refused instead of
 *       taking the node's memory; {@code -frames:v 1}: one frame of an animation; a timeout.</li>
 * </ul>
 * Blocking: run on a worker thread.
 */
final class AvatarImages {

  static final int SIZE = 256;
  /** The largest picture accepted, as sent. */
  static final long MAX_BYTES = 5L * 1024 * 1024;
  static final String UNREADABLE = "This file is not an image Kinora can read; upload a JPEG, PNG, GIF or WebP.";
  /** About 8K x 5K: more than any camera picture, far less than a decompression bomb. */
  private static final long MAX_PIXELS = 40_000_000;
  private static final long TIMEOUT_SECONDS = 20;

  private AvatarImages() {
  }

  /** The ffmpeg demuxer for these first bytes, or null when they are no image format we take. */
  static String demuxer(byte[] head) {
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return "jpeg_pipe";
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "png_pipe";
    }
    if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
      return "gif";
    }
    if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
      return "webp_pipe";
    }
    if (ascii(head, 0, "BM") && head.length >= 26) {
      return "bmp_pipe";
    }
    return null;
  }

  /**
   * Writes {@code picture} to a temp file in {@code workDir}, has ffmpeg make the avatar next to
   * it, and returns the JPEG's path; the input is always deleted, the output on failure (the
   * caller deletes it once stored). INVALID_INPUT with {@link #UNREADABLE} for a bad picture.
   */
  static Path resize(String ffmpeg, Path workDir, String name, byte[] picture) throws IOException {
    String format = demuxer(picture);
    if (format == null) {
      throw KinoraException.invalid(UNREADABLE);
    }
    Files.createDirectories(workDir);
    Path input = workDir.resolve(name + ".in");
    Path output = workDir.resolve(name + ".jpg");
    boolean done = false;
    try {
      Files.write(input, picture);
      List<String> command = List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error",
          "-protocol_whitelist", "file", "-max_pixels", Long.toString(MAX_PIXELS), "-threads", "1",
          "-f", format, "-i", "file:" + input,
          "-frames:v", "1", "-an", "-sn", "-dn",
          "-filter_complex", "color=c=white:s=" + SIZE + "x" + SIZE + "[bg];"
              + "[0:v]scale=" + SIZE + ":" + SIZE + ":force_original_aspect_ratio=increase,crop=" + SIZE + ":" + SIZE
              + ",format=rgba[fg];[bg][fg]overlay=shortest=1,format=yuvj420p",
          "-c:v", "mjpeg", "-q:v", "3", "-f", "image2", "-y", "file:" + output);
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      boolean finished;
      try {
        finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while resizing an avatar", e);
      }
      if (!finished) {
        process.destroyForcibly();
        throw KinoraException.invalid("This picture took too long to read; upload a smaller JPEG, PNG, GIF or WebP.");
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(output) || Files.size(output) == 0) {
        throw KinoraException.invalid(UNREADABLE);
      }
      done = true;
      return output;
    } finally {
      Files.deleteIfExists(input);
      if (!done) {
        Files.deleteIfExists(output);
      }
    }
  }

  private static boolean startsWith(byte[] bytes, int offset, int... expected) {
    if (bytes.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((bytes[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] bytes, int offset, String text) {
    byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (bytes[offset + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
