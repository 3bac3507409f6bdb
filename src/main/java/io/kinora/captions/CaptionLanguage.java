package io.kinora.captions;

import io.kinora.platform.error.KinoraException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A track's language: a BCP 47 tag ({@code en}, {@code pt-BR}, {@code zh-Hant}), which also
 * names the track's files, so only letters, digits and hyphens ever reach a URL or a playlist.
 */
final class CaptionLanguage {

  private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}");

  private CaptionLanguage() {
  }

  /** The tag in its canonical letter case ({@code pt-br} → {@code pt-BR}), or INVALID with an example. */
  static String parse(String raw) {
    if (raw == null || raw.length() > 35 || !TAG.matcher(raw).matches()) {
      throw invalid(raw);
    }
    String tag = Locale.forLanguageTag(raw).toLanguageTag();
    if (tag.equals("und") || !TAG.matcher(tag).matches()) {
      throw invalid(raw);
    }
    return tag;
  }

  /** What players show when the owner gave no label: the language's own name ("Deutsch", "français"). */
  static String defaultLabel(String tag) {
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
