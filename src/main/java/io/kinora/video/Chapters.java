package io.kinora.video;

import io.kinora.platform.error.KinoraException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A video's chapters: named points in time that players mark on the seek bar. They come from the
 * owner through the API, or else from the description, written the way people already write them
 * there, one per line:
 * <pre>
 * 00:00 Intro
 * 1:23 - Part two
 * [1:02:03] Credits
 * </pre>
 * Either way the same rules hold: at least {@value #MIN_CHAPTERS}, the first at 0:00, each later
 * than the one before, at most {@value #MAX_CHAPTERS}, none past {@value #MAX_START_SECONDS}
 * seconds, titles of at most {@value #MAX_TITLE} characters with control characters dropped. A
 * description that breaks them has no chapters (it may just mention a time or two); a request that
 * breaks them is refused with a sentence saying which chapter to fix.
 */
public final class Chapters {

  /** Fewer are not chapters but a mention of a time or two. */
  public static final int MIN_CHAPTERS = 3;
  public static final int MAX_CHAPTERS = 100;
  public static final int MAX_TITLE = 100;
  /** The same bound as a caption cue's times: longer than any video Kinora takes. */
  public static final int MAX_START_SECONDS = 24 * 3600;

  /** One chapter: from {@code startSeconds} (milliseconds at most) to the next one's start. */
  public record Chapter(double startSeconds, String title) {

    /** {@code {"start", "title"}}, the start a whole number when it is one. */
    public JsonObject toJson() {
      long millis = Math.round(startSeconds * 1000);
      Object start = millis % 1000 == 0 ? (Object) (millis / 1000) : (Object) (millis / 1000.0);
      return new JsonObject().put("start", start).put("title", title);
    }
  }

  /** Where the chapters in effect come from: the API's win over the description's. */
  public enum Source {
    API, DESCRIPTION, NONE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The chapters players get, and where they come from; {@code items} is empty exactly when the source is NONE. */
  public record InEffect(Source source, List<Chapter> items) {

    public static final InEffect NONE = new InEffect(Source.NONE, List.of());

    public JsonArray itemsJson() {
      return new JsonArray(items.stream().map(Chapter::toJson).toList());
    }

    public JsonObject toJson() {
      return new JsonObject().put("source", source.wire()).put("items", itemsJson());
    }
  }

  /**
   * A chapter line of a description: an optional bullet, the time (bare, in [brackets] or in
   * (parentheses)), then a separator (spaces, or a dash, colon or bar between spaces) and the title.
   */
  private static final Pattern LINE = Pattern.compile(
      "^[ \\t]*(?:[-*\u2022][ \\t]*)?([\\[(]?)(\\d{1,3}(?::\\d{2}){1,2})([\\])]?)(?!\\d|:\\d)"
          + "([ \\t]*[-\u2013\u2014:|][ \\t]*|[ \\t]+|)(.*)$");
  private static final Set<String> FIELDS = Set.of("start", "title");

  private Chapters() {
  }

  /** The chapters in effect: those set through the API, else the description's, else none. */
  public static InEffect inEffect(List<Chapter> fromApi, String description) {
    if (!fromApi.isEmpty()) {
      return new InEffect(Source.API, fromApi);
    }
    List<Chapter> described = fromDescription(description);
    return described.isEmpty() ? InEffect.NONE : new InEffect(Source.DESCRIPTION, described);
  }

  /**
   * The chapters a description lists, or none when its chapter lines break a rule. Lines that do
   * not start with a time are other text and do not count; a title longer than the limit is cut.
   */
  public static List<Chapter> fromDescription(String description) {
    if (description == null || description.isEmpty()) {
      return List.of();
    }
    List<Chapter> found = new ArrayList<>();
    for (String line : description.split("\r\n|\r|\n|\u2028|\u2029", -1)) {
      Chapter chapter = chapterLine(line);
      if (chapter == null) {
        continue;
      }
      if (found.size() == MAX_CHAPTERS || (!found.isEmpty()
          && chapter.startSeconds() <= found.get(found.size() - 1).startSeconds())) {
        return List.of();
      }
      found.add(chapter);
    }
    if (found.size() < MIN_CHAPTERS || found.get(0).startSeconds() != 0) {
      return List.of();
    }
    return List.copyOf(found);
  }

  /** The line as a chapter, or null when it is not one (no time first, a malformed time, no title). */
  private static Chapter chapterLine(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String open = m.group(1);
    String close = m.group(3);
    boolean paired = open.isEmpty() ? close.isEmpty() : close.equals(open.equals("[") ? "]" : ")");
    // "1:23abc" is not a chapter line; "[1:23]abc" is
    if (!paired || (open.isEmpty() && m.group(4).isEmpty())) {
      return null;
    }
    long seconds = clockSeconds(m.group(2));
    String title = cut(cleanTitle(m.group(5)));
    if (seconds < 0 || title.isEmpty()) {
      return null;
    }
    return new Chapter(seconds, title);
  }

  /** {@code m:ss}, {@code mm:ss}, {@code h:mm:ss}: seconds, or -1 when not a time on a clock (or past the limit). */
  static long clockSeconds(String clock) {
    String[] parts = clock.split(":");
    long seconds;
    if (parts.length == 2) {
      long secs = sixty(parts[1]);
      if (secs < 0) {
        return -1;
      }
      seconds = Long.parseLong(parts[0]) * 60 + secs;
    } else {
      long minutes = sixty(parts[1]);
      long secs = sixty(parts[2]);
      if (minutes < 0 || secs < 0) {
        return -1;
      }
      seconds = (Long.parseLong(parts[0]) * 60 + minutes) * 60 + secs;
    }
    return seconds > MAX_START_SECONDS ? -1 : seconds;
  }

  private static long sixty(String twoDigits) {
    long value = Long.parseLong(twoDigits);
    return value < 60 ? value : -1;
  }

  /**
   * The chapters of an API request, {@code [{"start": seconds, "title": "…"}, …]}, checked against
   * every rule; an empty list is no chapters. A refusal says which chapter to fix.
   */
  public static List<Chapter> fromRequest(Object value) {
    if (!(value instanceof JsonArray list)) {
      throw KinoraException.invalid("'chapters' is required: a list of {\"start\": seconds, \"title\": \"…\"}, "
          + "or an empty list to remove them.");
    }
    if (list.size() > MAX_CHAPTERS) {
      throw KinoraException.invalid("A video has at most " + MAX_CHAPTERS + " chapters; this list has "
          + list.size() + ".");
    }
    if (!list.isEmpty() && list.size() < MIN_CHAPTERS) {
      throw KinoraException.invalid("Chapters come at least " + MIN_CHAPTERS + " at a time, the first at 0:00; "
          + "send an empty list to remove them.");
    }
    List<Chapter> chapters = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Chapter chapter = requested(list.getValue(i), i + 1);
      if (i == 0 && chapter.startSeconds() != 0) {
        throw KinoraException.invalid("The first chapter starts at 0:00; this one starts at "
            + clock(chapter.startSeconds()) + ".");
      }
      if (i > 0 && chapter.startSeconds() <= chapters.get(i - 1).startSeconds()) {
        throw KinoraException.invalid("Chapter " + (i + 1) + " (" + clock(chapter.startSeconds()) + ") must start "
            + "after chapter " + i + " (" + clock(chapters.get(i - 1).startSeconds()) + "): list chapters in order, "
            + "each later than the one before.");
      }
      chapters.add(chapter);
    }
    return List.copyOf(chapters);
  }

  private static Chapter requested(Object item, int number) {
    if (!(item instanceof JsonObject chapter)) {
      throw KinoraException.invalid("Chapter " + number + " must be an object, {\"start\": seconds, \"title\": \"…\"}.");
    }
    for (String field : chapter.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw KinoraException.invalid("Chapter " + number + " has an unknown field '" + field + "'; allowed: start, title.");
      }
    }
    Object start = chapter.getValue("start");
    if (!(start instanceof Number seconds) || !Double.isFinite(seconds.doubleValue())
        || seconds.doubleValue() < 0 || seconds.doubleValue() > MAX_START_SECONDS) {
      throw KinoraException.invalid("Chapter " + number + "'s 'start' must be a number of seconds from 0 to "
          + MAX_START_SECONDS + ".");
    }
    if (!(chapter.getValue("title") instanceof String raw)) {
      throw KinoraException.invalid("Chapter " + number + " needs a 'title', a string.");
    }
    String title = cleanTitle(raw);
    if (title.isEmpty()) {
      throw KinoraException.invalid("Chapter " + number + "'s title is empty.");
    }
    if (title.length() > MAX_TITLE) {
      throw KinoraException.invalid("Chapter " + number + "'s title is longer than " + MAX_TITLE + " characters.");
    }
    // milliseconds, as a WebVTT time has them: two starts a fraction of a millisecond apart are one
    return new Chapter(Math.round(seconds.doubleValue() * 1000) / 1000.0, title);
  }

  /**
   * The title as one line of plain text: line breaks and tabs become spaces, control characters
   * and the invisible marks that reorder text (bidirectional overrides and isolates) go, runs of
   * spaces become one, and the ends are trimmed. Markup stays as the text it is: every reader
   * shows it as text, and the WebVTT track escapes it.
   */
  public static String cleanTitle(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    raw.codePoints().forEach(c -> {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
      } else if (!dropped(c)) {
        out.appendCodePoint(c);
      }
    });
    return out.toString().strip();
  }

  private static boolean dropped(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.SURROGATE
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
  }

  /** A description's title cut to the limit, never between the two halves of a character. */
  private static String cut(String title) {
    if (title.length() <= MAX_TITLE) {
      return title;
    }
    int end = Character.isHighSurrogate(title.charAt(MAX_TITLE - 1)) ? MAX_TITLE - 1 : MAX_TITLE;
    return title.substring(0, end).strip();
  }

  /** The form the record keeps ({@code VideoFields.CHAPTERS}). */
  public static String toStored(List<Chapter> chapters) {
    return new JsonArray(chapters.stream().map(Chapter::toJson).toList()).encode();
  }

  /** What {@link #toStored} wrote; anything unreadable reads as no chapters rather than failing the record. */
  public static List<Chapter> fromStored(String json) {
    if (json == null || !json.startsWith("[")) {
      return List.of();
    }
    List<Chapter> chapters = new ArrayList<>();
    try {
      for (Object item : new JsonArray(json)) {
        if (item instanceof JsonObject c && c.getValue("start") instanceof Number start
            && c.getValue("title") instanceof String title) {
          chapters.add(new Chapter(start.doubleValue(), title));
        }
      }
    } catch (DecodeException | ClassCastException e) {
      return List.of();
    }
    return List.copyOf(chapters);
  }

  /**
   * The chapters as a WebVTT chapters track: each cue from its chapter's start to the next one's,
   * the last to the end of the video. Chapters at or past the end of a video whose length is known
   * are left out; before it is known, the last runs to the limit.
   */
  public static String toWebVtt(List<Chapter> chapters, double durationSeconds) {
    long end = durationSeconds > 0 ? Math.round(durationSeconds * 1000) : MAX_START_SECONDS * 1000L;
    List<Chapter> shown = chapters.stream().filter(c -> Math.round(c.startSeconds() * 1000) < end).toList();
    StringBuilder out = new StringBuilder("WEBVTT\n");
    for (int i = 0; i < shown.size(); i++) {
      long from = Math.round(shown.get(i).startSeconds() * 1000);
      long to = i + 1 < shown.size() ? Math.round(shown.get(i + 1).startSeconds() * 1000) : end;
      out.append('\n').append(i + 1).append('\n').append(vttTime(from)).append(" --> ").append(vttTime(to)).append('\n')
          .append(escape(shown.get(i).title())).append('\n');
    }
    return out.toString();
  }

  private static String vttTime(long millis) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }

  /** Cue text is markup to a player: a title is text, so its markup characters are escaped ("-->" cannot appear). */
  private static String escape(String title) {
    return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** 1:23 or 1:02:03, for refusals. */
  private static String clock(double seconds) {
    long s = (long) Math.floor(seconds);
    String whole = s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    double fraction = seconds - s;
    return fraction == 0 ? whole : whole + String.format(Locale.ROOT, "%.3f", fraction).substring(1);
  }
}
