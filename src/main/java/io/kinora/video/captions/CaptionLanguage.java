package io.kinora.video.captions;

import io.kinora.platform.error.KinoraException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A track's language: a BCP 47 tag ({@code en}, {@code pt-BR}, {@code zh-Hant}), which also
 * names the track's files, so only letters, digits and hyphens ever reach a URL or a playlist.
 */
public final class CaptionLanguage {

  public static final int MAX_LABEL = 64;
  /** Labels go into playlists inside quotes and into pages: printable, no quotes, no controls. */
  private static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}\"<>\\\\]{1," + MAX_LABEL + "}");
  private static final Pattern NOT_IN_LABEL = Pattern.compile("[\\p{Cntrl}\"<>\\\\]");
  private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}");

  private CaptionLanguage() {
  }

  /** The tag in its canonical letter case ({@code pt-br} → {@code pt-BR}), or INVALID with an example. */
  public static String parse(String raw) {
    if (raw == null || raw.length() > 35 || !TAG.matcher(raw).matches()) {
      throw invalid(raw);
    }
    String tag = Locale.forLanguageTag(raw).toLanguageTag();
    // a tag Java cannot read comes back as "und"; "und" itself (undetermined) is a real tag
    if ((tag.equals("und") && !raw.equalsIgnoreCase("und")) || !TAG.matcher(tag).matches()) {
      throw invalid(raw);
    }
    return tag;
  }

  /** The owner's label for a track, checked; none given is the language's own name. */
  public static String label(String raw, String tag) {
    if (raw == null || raw.isBlank()) {
      return defaultLabel(tag);
    }
    String label = raw.strip();
    if (!LABEL.matcher(label).matches()) {
      throw KinoraException.invalid("'label' is 1 to " + MAX_LABEL + " characters, without quotes, angle brackets "
          + "or control characters.");
    }
    return label;
  }

  /** A label from a file's own stream title: what cannot be in a label is dropped, never refused. */
  public static String labelFromTitle(String title, String tag) {
    String cleaned = title == null ? "" : NOT_IN_LABEL.matcher(title).replaceAll("").strip();
    if (cleaned.isEmpty()) {
      return defaultLabel(tag);
    }
    return cleaned.length() <= MAX_LABEL ? cleaned : cleaned.substring(0, MAX_LABEL).strip();
  }

  /** What players show when the owner gave no label: the language's own name ("Deutsch", "français"). */
  public static String defaultLabel(String tag) {
    Locale locale = Locale.forLanguageTag(tag);
    String name = locale.getDisplayName(locale);
    if (name.isEmpty() || name.equals(tag)) {
      return tag;
    }
    return name.substring(0, 1).toUpperCase(locale) + name.substring(1);
  }

  private static KinoraException invalid(String raw) {
    return KinoraException.invalid("'" + (raw == null ? "" : raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
        + "' is not a language tag; use a BCP 47 tag such as en, fr, pt-BR or zh-Hant.");
  }
}
