package io.kinora.video.captions;

import io.kinora.platform.error.KinoraException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an uploaded SubRip (.srt) or WebVTT (.vtt) file into cues, and writes them back as the
 * one WebVTT form Kinora serves. Everything a caller sends is bounded and checked here: the
 * text must be UTF-8 (or UTF-16 with its byte-order mark, as Windows editors save "Unicode"),
 * every timing must be well formed, and a refusal names the line a person should fix.
 */
public final class CaptionFile {

  /** The largest caption file taken: a feature film's subtitles are 50–150 KB. */
  public static final int MAX_BYTES = 1024 * 1024;
  static final int MAX_CUES = 10_000;
  static final int MAX_CUE_CHARS = 1_000;
  /** No cue may start or end later than this: longer than any video Kinora takes. */
  static final long MAX_MILLIS = 24L * 3600 * 1000;

  private static final Pattern TIMING = Pattern.compile(
      "((?:\\d{1,3}:)?\\d{1,2}:\\d{1,2}[.,]\\d{1,3})[ \\t]+-->[ \\t]+((?:\\d{1,3}:)?\\d{1,2}:\\d{1,2}[.,]\\d{1,3})(.*)");
  private static final Pattern TIME = Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{1,2})[.,](\\d{1,3})");
  /** The cue settings players honour, each checked: position, line, size and alignment. */
  private static final Pattern SETTING = Pattern.compile(
      "(?:align:(?:start|center|end|left|right)|(?:position|size):\\d{1,3}(?:\\.\\d{1,3})?%(?:,(?:line-left|center|line-right))?"
          + "|line:-?\\d{1,3}(?:\\.\\d{1,3})?%?(?:,(?:start|center|end))?|vertical:(?:rl|lr))");

  private CaptionFile() {
  }

  /** The cues of an SRT or WebVTT file; refuses anything else with a sentence. */
  public static List<Cue> parse(byte[] bytes) {
    String text = decode(bytes);
    String[] lines = text.split("\r\n|\r|\n", -1);
    boolean vtt = lines.length > 0 && lines[0].startsWith("WEBVTT")
        && (lines[0].length() == 6 || lines[0].charAt(6) == ' ' || lines[0].charAt(6) == '\t');
    List<Cue> cues = new ArrayList<>();
    int i = vtt ? skipBlock(lines, 0) : 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      int blockEnd = skipBlock(lines, i);
      if (vtt && (lines[i].startsWith("NOTE") || lines[i].startsWith("STYLE") || lines[i].startsWith("REGION"))) {
        i = blockEnd; // comments, styles and regions are not carried over
        continue;
      }
      cues.add(cue(lines, i, blockEnd, vtt));
      if (cues.size() > MAX_CUES) {
        throw KinoraException.invalid("The caption file has more than " + MAX_CUES + " cues; split the video's "
            + "captions or merge short cues.");
      }
      i = blockEnd;
    }
    if (cues.isEmpty()) {
      throw KinoraException.invalid("The caption file has no cues. Send a SubRip (.srt) or WebVTT (.vtt) file "
          + "with at least one timed line, such as \"00:00:01,000 --> 00:00:03,000\".");
    }
    return cues;
  }

  /** The cues as a WebVTT file. */
  public static String toWebVtt(List<Cue> cues) {
    StringBuilder out = new StringBuilder("WEBVTT\n");
    for (Cue cue : cues) {
      out.append('\n').append(time(cue.startMillis())).append(" --> ").append(time(cue.endMillis()));
      if (!cue.settings().isEmpty()) {
        out.append(' ').append(cue.settings());
      }
      out.append('\n').append(cue.text()).append('\n');
    }
    return out.toString();
  }

  /** One cue from the block of lines {@code [from, to)}: an optional identifier, the timing, the text. */
  private static Cue cue(String[] lines, int from, int to, boolean vtt) {
    int timingLine = from;
    if (!lines[from].contains("-->") && from + 1 < to) {
      timingLine = from + 1; // the SRT counter or the WebVTT cue identifier
    }
    Matcher timing = TIMING.matcher(lines[timingLine].strip());
    if (!timing.matches()) {
      throw KinoraException.invalid("Line " + (timingLine + 1) + " of the caption file should be a timing such as "
          + "\"00:00:01,000 --> 00:00:03,000\" but is \"" + excerpt(lines[timingLine]) + "\".");
    }
    long start = millis(timing.group(1), timingLine);
    long end = millis(timing.group(2), timingLine);
    if (end <= start) {
      throw KinoraException.invalid("Line " + (timingLine + 1) + " of the caption file: the cue ends at or before "
          + "the time it starts.");
    }
    StringBuilder text = new StringBuilder();
    for (int i = timingLine + 1; i < to; i++) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(lines[i]);
    }
    if (text.length() > MAX_CUE_CHARS) {
      throw KinoraException.invalid("The cue at line " + (timingLine + 1) + " of the caption file is longer than "
          + MAX_CUE_CHARS + " characters; a caption is a line or two.");
    }
    return new Cue(start, end, vtt ? settings(timing.group(3)) : "", CueText.clean(text.toString()));
  }

  /** The valid settings of a WebVTT timing line, in their order; unknown or malformed ones are dropped. */
  private static String settings(String raw) {
    List<String> kept = new ArrayList<>();
    for (String setting : raw.strip().split("[ \\t]+")) {
      if (SETTING.matcher(setting).matches()) {
        kept.add(setting);
      }
    }
    return String.join(" ", kept);
  }

  private static long millis(String time, int line) {
    Matcher t = TIME.matcher(time);
    if (!t.matches()) {
      throw KinoraException.invalid("Line " + (line + 1) + " of the caption file has a malformed time: \"" + time + "\".");
    }
    long hours = t.group(1) == null ? 0 : Long.parseLong(t.group(1));
    long minutes = Long.parseLong(t.group(2));
    long seconds = Long.parseLong(t.group(3));
    String fraction = (t.group(4) + "00").substring(0, 3);
    if (minutes > 59 || seconds > 59) {
      throw KinoraException.invalid("Line " + (line + 1) + " of the caption file has minutes or seconds over 59: \""
          + time + "\".");
    }
    long millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(fraction);
    if (millis > MAX_MILLIS) {
      throw KinoraException.invalid("Line " + (line + 1) + " of the caption file has a time past 24 hours.");
    }
    return millis;
  }

  private static String time(long millis) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }

  /** The index of the first blank line at or after {@code from} (the end of its block). */
  private static int skipBlock(String[] lines, int from) {
    int i = from;
    while (i < lines.length && !lines[i].isBlank()) {
      i++;
    }
    return i;
  }

  /**
   * The file as text: UTF-8 (a byte-order mark dropped), or UTF-16 when it starts with one.
   * Anything else (Latin-1, Windows-1252, a binary file) is refused, since guessing would show
   * viewers wrong letters.
   */
  static String decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw KinoraException.invalid("The caption file is empty.");
    }
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    }
    String text;
    try {
      text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
    } catch (CharacterCodingException notText) {
      throw KinoraException.invalid("The caption file is not UTF-8 text. Save it as UTF-8 (in most editors: "
          + "Save as, then Encoding: UTF-8) and upload it again.");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        throw KinoraException.invalid("The caption file holds control characters, so it is not a text file. "
            + "Send a SubRip (.srt) or WebVTT (.vtt) file.");
      }
    }
    return text;
  }

  private static String excerpt(String line) {
    String plain = line.replaceAll("[^\\p{L}\\p{N}\\p{P} ]", "?");
    return plain.length() <= 40 ? plain : plain.substring(0, 40) + "…";
  }
}
