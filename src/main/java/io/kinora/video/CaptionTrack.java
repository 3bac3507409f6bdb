package io.kinora.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One caption track of a video, as the record keeps it ({@link VideoFields#CAPTIONS}): its
 * language (a BCP 47 tag, which also names its files), the label players show, whether players
 * turn it on by themselves, where it came from and how many cues it has. The WebVTT itself is
 * kept beside the record ({@code RedisKeys.captions}).
 */
public record CaptionTrack(String language, String label, boolean isDefault, Source source, int cues) {

  /** Where a track came from; a speech-to-text transcriber would be a third. */
  public enum Source {
    /** Sent by the owner as an SRT or WebVTT file. */
    UPLOADED,
    /** A text subtitle stream of the uploaded file, converted at transcode time. */
    EMBEDDED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Source fromWire(String wire) {
      return "embedded".equals(wire) ? EMBEDDED : UPLOADED;
    }
  }

  static List<CaptionTrack> fromJsonArray(String json) {
    List<CaptionTrack> tracks = new ArrayList<>();
    if (json != null && json.startsWith("[")) {
      for (Object item : new JsonArray(json)) {
        JsonObject t = (JsonObject) item;
        tracks.add(new CaptionTrack(t.getString("language"), t.getString("label", t.getString("language")),
            t.getBoolean("default", false), Source.fromWire(t.getString("source")), t.getInteger("cues", 0)));
      }
    }
    return List.copyOf(tracks);
  }

  /** The form the record keeps (and the captions scripts read). */
  public JsonObject toStoredJson() {
    return new JsonObject().put("language", language).put("label", label).put("default", isDefault)
        .put("source", source.wire()).put("cues", cues);
  }

  /** The public form, with where to fetch the WebVTT. */
  public JsonObject toJson(String videoId) {
    return toStoredJson().put("url", VideoUrls.captions(videoId, language));
  }
}
