package io.kinora.transcode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what ffmpeg wrote for one rendition: its files, and peak and average bit rate over its segments. */
public final class HlsOutput {

  /** The name ffmpeg gives every rendition's playlist, in the rendition's directory. */
  public static final String PLAYLIST = "index.m3u8";

  /** A playlist's init file line; the file is group 1, a plain name. */
  static final Pattern MAP_URI = Pattern.compile("#EXT-X-MAP:.*URI=\"([^\"/]+)\"");
  /** A file name as ffmpeg writes it next to its playlist: no directories. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private HlsOutput() {
  }

  public record Bitrates(long peak, long average) {
  }

  /**
   * The files a playlist lists, in the order a player needs them: the init file first, then the
   * segments. ffmpeg lists a segment only once it has finished writing it.
   */
  public static List<String> listedFiles(String playlist) {
    List<String> files = new ArrayList<>();
    for (String raw : playlist.split("\r?\n")) {
      String line = raw.trim();
      Matcher map = MAP_URI.matcher(line);
      if (map.matches()) {
        files.add(0, map.group(1));
      } else if (!line.isEmpty() && !line.startsWith("#") && PLAIN_NAME.matcher(line).matches()) {
        files.add(line);
      }
    }
    return files;
  }

  /**
   * The playlist as stored once ffmpeg is done: it wrote an EVENT playlist (rewritten atomically
   * after each segment, so segments can be uploaded while it runs) and closed it with ENDLIST;
   * players are told it is a VOD playlist, as it now is.
   */
  public static String finalPlaylist(String playlist) {
    return playlist.contains("#EXT-X-ENDLIST")
        ? playlist.replace("#EXT-X-PLAYLIST-TYPE:EVENT", "#EXT-X-PLAYLIST-TYPE:VOD") : playlist;
  }

  /**
   * The playlist a player may have while the job still runs: cut before the first segment not yet
   * in storage, and with ffmpeg's end mark only once every segment is stored; null until the init
   * file and a first segment are stored.
   */
  public static String storedSoFar(String playlist, Predicate<String> stored) {
    StringBuilder kept = new StringBuilder();
    StringBuilder pending = new StringBuilder();
    int segments = 0;
    boolean initStored = false;
    for (String raw : playlist.split("\r?\n")) {
      String line = raw.trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.equals("#EXT-X-ENDLIST")) {
        if (pending.length() == 0) {
          kept.append(line).append('\n');
        }
        continue;
      }
      Matcher map = MAP_URI.matcher(line);
      if (map.matches()) {
        initStored = stored.test(map.group(1));
        kept.append(line).append('\n');
      } else if (line.startsWith("#EXTINF:") || ((segments > 0 || pending.length() > 0) && line.startsWith("#"))) {
        pending.append(line).append('\n');
      } else if (line.startsWith("#")) {
        kept.append(line).append('\n');
      } else if (stored.test(line)) {
        kept.append(pending).append(line).append('\n');
        pending.setLength(0);
        segments++;
      } else {
        break; // the rest, and the end mark, wait for this segment
      }
    }
    return initStored && segments > 0 ? kept.toString() : null;
  }

  public static Bitrates measure(Path renditionDir) throws IOException {
    String playlist = Files.readString(renditionDir.resolve(PLAYLIST));
    double pendingDuration = -1;
    double totalSeconds = 0;
    long totalBytes = 0;
    long peak = 0;
    long shortPeak = 0;
    for (String line : playlist.split("\r?\n")) {
      if (line.startsWith("#EXTINF:")) {
        String value = line.substring(8);
        int comma = value.indexOf(',');
        pendingDuration = Double.parseDouble(comma >= 0 ? value.substring(0, comma) : value);
      } else if (!line.isBlank() && !line.startsWith("#") && pendingDuration > 0) {
        long bytes = Files.size(renditionDir.resolve(line.trim()));
        long bitrate = Math.round(bytes * 8 / pendingDuration);
        // a last sliver of a segment has a noisy rate; count it only if nothing else exists
        if (pendingDuration >= 1.0) {
          peak = Math.max(peak, bitrate);
        } else {
          shortPeak = Math.max(shortPeak, bitrate);
        }
        totalSeconds += pendingDuration;
        totalBytes += bytes;
        pendingDuration = -1;
      }
    }
    if (totalSeconds <= 0) {
      throw new IOException("ffmpeg wrote no segments in " + renditionDir);
    }
    long average = Math.round(totalBytes * 8 / totalSeconds);
    return new Bitrates(Math.max(peak == 0 ? shortPeak : peak, average), average);
  }
}
