package io.kinora.transcode;

import io.kinora.video.EarlierRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run starts: at the beginning, or after the segments an interrupted earlier run stored.
 *
 * <p>The ladder's keyframes sit on the same instants in every rendition (see
 * {@link LadderCommand#keyframes}), so the first K video segments of every rendition end together at
 * a segment boundary T. A continuing run keeps those, encodes the video from T on, and numbers its
 * segments from K. Its audio is encoded again from the start (AAC is cheap, and a new encoder
 * would prime its first frame where the kept audio ends): the same input and settings give the same
 * frames, so the run keeps every stored audio segment and adds its own after them. Each
 * rendition's playlist is then the kept one followed by this run's, behind the kept init file.
 */
final class RunStart {

  private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);
  private static final Pattern TARGET = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)");

  static final RunStart BEGINNING = new RunStart(null, 0, 0, Map.of());

  private final String earlierOutput;
  private final int firstSegment;
  private final double startSeconds;
  private final Map<String, Playlist> kept;

  private RunStart(String earlierOutput, int firstSegment, double startSeconds, Map<String, Playlist> kept) {
    this.earlierOutput = earlierOutput;
    this.firstSegment = firstSegment;
    this.startSeconds = startSeconds;
    this.kept = kept;
  }

  /**
   * After what {@code earlier} stored, or {@link #BEGINNING} when nothing of it can be kept: no
   * segment in every video rendition, other renditions than this run plans (the ladder or the file
   * changed), segments that do not end on this run's boundaries (the segment length changed), or
   * less than a second of video left to encode.
   *
   * @param videoRenditions the rungs this run plans, by name
   * @param audio           the audio rendition's name, null when the file has no audio
   */
  static RunStart after(String videoId, EarlierRun earlier, List<String> videoRenditions, String audio,
                        int segmentSeconds, double fps, double durationSeconds) {
    if (earlier == null) {
      return BEGINNING;
    }
    List<String> planned = new ArrayList<>(videoRenditions);
    if (audio != null) {
      planned.add(audio);
    }
    if (!earlier.playlists().keySet().equals(Set.copyOf(planned))) {
      return refuse(videoId, "its renditions " + earlier.playlists().keySet() + " are not the planned " + planned);
    }
    Map<String, Playlist> parsed = new LinkedHashMap<>();
    planned.forEach(name -> parsed.put(name, Playlist.parse(earlier.playlists().get(name))));
    int segments = videoRenditions.stream().mapToInt(name -> parsed.get(name).entries().size()).min().orElse(0);
    if (segments == 0) {
      return refuse(videoId, "not every rendition has a stored segment");
    }
    double boundary = boundary(segments, segmentSeconds);
    if (boundary > durationSeconds - 1) {
      return refuse(videoId, "its video is all but complete");
    }
    Map<String, Playlist> kept = new LinkedHashMap<>();
    for (String name : videoRenditions) {
      Playlist playlist = parsed.get(name).firstEntries(segments);
      // the stored segments end at the first frame at or after the boundary
      if (playlist.init() == null || Math.abs(playlist.seconds() - boundary) > 1.5 / fps) {
        return refuse(videoId, name + " does not end on the boundary at " + boundary + " s");
      }
      kept.put(name, playlist);
    }
    if (audio != null) {
      if (parsed.get(audio).init() == null) {
        return refuse(videoId, "its audio has no init file");
      }
      kept.put(audio, parsed.get(audio));
    }
    LOG.info("video {} continues after segment {} ({} s) of its earlier run {}", videoId, segments, boundary,
        earlier.output());
    return new RunStart(earlier.output(), segments, boundary, kept);
  }

  private static RunStart refuse(String videoId, String why) {
    LOG.info("video {} starts from the beginning: the earlier run's segments cannot be kept, {}", videoId, why);
    return BEGINNING;
  }

  /**
   * Where segment {@code index} starts: 0, S/2, S, 2S, 3S... (the first two segments are half
   * length, see {@link LadderCommand#keyframes}).
   */
  static double boundary(int index, int segmentSeconds) {
    return index <= 2 ? index * segmentSeconds / 2.0 : (index - 1) * (double) segmentSeconds;
  }

  boolean fromBeginning() {
    return earlierOutput == null;
  }

  /** The output prefix the kept files are stored under, null at the beginning. */
  String earlierOutput() {
    return earlierOutput;
  }

  /** The number of the first video segment this run writes (the kept ones come before it). */
  int firstSegment() {
    return firstSegment;
  }

  /** Where this run's video starts in the source. */
  double startSeconds() {
    return startSeconds;
  }

  /** The files kept of one rendition, its init file first; none at the beginning. */
  List<String> keptFiles(String rendition) {
    Playlist playlist = kept.get(rendition);
    if (playlist == null) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    files.add(playlist.init());
    playlist.entries().forEach(entry -> files.add(entry.file()));
    return files;
  }

  /** The init file this run's segments of {@code rendition} play behind: the kept one; null at the beginning. */
  String keptInit(String rendition) {
    Playlist playlist = kept.get(rendition);
    return playlist == null ? null : playlist.init();
  }

  /**
   * The playlist of one rendition as players get it: the kept segments, then the ones this run
   * wrote after them, behind the kept init file. {@code written} is this run's playlist so far
   * (null before its first segment); at the beginning it is the playlist itself.
   */
  String playlist(String rendition, String written) {
    Playlist before = kept.get(rendition);
    if (before == null) {
      return written;
    }
    Playlist after = written == null ? Playlist.EMPTY : Playlist.parse(written);
    // the video's new segments all come after the kept ones; the audio starts again at zero
    int skip = rendition.equals(LadderCommand.AUDIO) ? before.entries().size() : 0;
    List<Entry> entries = new ArrayList<>(before.entries());
    entries.addAll(after.entries().subList(Math.min(skip, after.entries().size()), after.entries().size()));
    int target = Math.max(before.targetSeconds(), after.targetSeconds());
    StringBuilder out = new StringBuilder();
    for (String line : before.header()) {
      Matcher t = TARGET.matcher(line);
      out.append(t.matches() ? "#EXT-X-TARGETDURATION:" + target : line).append('\n');
    }
    entries.forEach(entry -> out.append(entry.text()));
    if (after.ended()) {
      out.append("#EXT-X-ENDLIST\n");
    }
    return out.toString();
  }

  /** One segment of a playlist: its lines (EXTINF and any other tag) and its file. */
  record Entry(String text, String file, double seconds) {
  }

  /** A variant playlist as ffmpeg writes it: header lines (up to its init file), segments, end mark. */
  record Playlist(List<String> header, String init, List<Entry> entries, boolean ended) {

    static final Playlist EMPTY = new Playlist(List.of(), null, List.of(), false);

    static Playlist parse(String text) {
      List<String> header = new ArrayList<>();
      List<Entry> entries = new ArrayList<>();
      String init = null;
      boolean ended = false;
      StringBuilder pending = new StringBuilder();
      double seconds = 0;
      for (String raw : text.split("\r?\n")) {
        String line = raw.trim();
        if (line.isEmpty()) {
          continue;
        }
        Matcher map = HlsOutput.MAP_URI.matcher(line);
        if (line.equals("#EXT-X-ENDLIST")) {
          ended = true;
        } else if (map.matches() && entries.isEmpty() && pending.isEmpty()) {
          init = map.group(1);
          header.add(line);
        } else if (line.startsWith("#EXTINF:")) {
          seconds = Double.parseDouble(line.substring(8).split(",", 2)[0]);
          pending.append(line).append('\n');
        } else if (line.startsWith("#") && entries.isEmpty() && pending.isEmpty()) {
          header.add(line);
        } else if (line.startsWith("#")) {
          pending.append(line).append('\n');
        } else {
          entries.add(new Entry(pending + line + "\n", line, seconds));
          pending.setLength(0);
          seconds = 0;
        }
      }
      return new Playlist(List.copyOf(header), init, List.copyOf(entries), ended);
    }

    Playlist firstEntries(int count) {
      return new Playlist(header, init, entries.subList(0, Math.min(count, entries.size())), false);
    }

    double seconds() {
      return entries.stream().mapToDouble(Entry::seconds).sum();
    }

    int targetSeconds() {
      return header.stream().map(TARGET::matcher).filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(0);
    }
  }
}
