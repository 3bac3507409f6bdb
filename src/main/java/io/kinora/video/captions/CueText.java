package io.kinora.video.captions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a cue's text safe to hand to any player: plain text plus the few WebVTT tags players
 * render ({@code <b> <i> <u>}, a voice {@code <v Name>}). Every other tag goes, whatever it
 * was ({@code <script>}, {@code <font>}, {@code <img onerror=…>}), and so do SRT's ASS-style
 * overrides ({@code {\an8}}); the text between tags stays, as text. What could still read as
 * markup ({@code < > &}) is escaped, and {@code -->}, which would end a cue's timing line, cannot appear.
 */
final class CueText {

  private static final Pattern TAG = Pattern.compile("<[^<>]{0,200}>");
  private static final Pattern KEPT_TAG = Pattern.compile("</?[biu]>|</v>");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[A-Za-z0-9_-]{1,32})*[ \\t]+([^<>&\"]{1,64})>");
  /** Script bodies are dropped with their tags: a viewer should not read code as a caption. */
  private static final Pattern SCRIPT_BODY = Pattern.compile("(?is)<(script|style)\\b[^>]{0,200}>.*?</\\1\\s*>");
  private static final Pattern ASS_OVERRIDE = Pattern.compile("\\{\\\\[^{}]{0,200}}");
  private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|nbsp|lrm|rlm);");

  private CueText() {
  }

  static String clean(String raw) {
    String text = ASS_OVERRIDE.matcher(SCRIPT_BODY.matcher(raw).replaceAll("")).replaceAll("");
    StringBuilder out = new StringBuilder(text.length());
    Matcher tag = TAG.matcher(text);
    int at = 0;
    while (tag.find()) {
      out.append(escape(text.substring(at, tag.start())));
      out.append(keptTag(tag.group()));
      at = tag.end();
    }
    out.append(escape(text.substring(at)));
    return out.toString().strip();
  }

  /** The tag as players should see it, or nothing. */
  private static String keptTag(String tag) {
    String lower = tag.toLowerCase(java.util.Locale.ROOT);
    if (KEPT_TAG.matcher(lower).matches()) {
      return lower;
    }
    Matcher voice = VOICE.matcher(tag);
    return voice.matches() ? "<v " + voice.group(1).strip() + ">" : "";
  }

  /** Escapes markup, keeping the character references WebVTT defines. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '&') {
        Matcher entity = ENTITY.matcher(text).region(i, text.length());
        out.append(entity.lookingAt() ? "&" : "&amp;");
      } else if (c == '<') {
        out.append("&lt;");
      } else if (c == '>') {
        out.append("&gt;");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
