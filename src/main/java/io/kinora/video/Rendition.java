package io.kinora.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One rung of a finished ladder. {@code bandwidth} is the peak segment bit rate (what HLS
 * BANDWIDTH means), {@code averageBandwidth} the mean over the whole rendition. In an MPEG-TS
 * ladder each rung carries the audio too; in an fMP4 ladder a rung is video only (its codecs name
 * only H.264) and the audio is one more rendition of its own, {@link #audio}, with no picture size.
 */
public record Rendition(String name, int width, int height, long bandwidth, long averageBandwidth,
                        String codecs, double frameRate) {

  /** What a rendition name looks like ("720p"): checked before a name from a URL is used. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9]{1,16}");

  /** The audio-only rendition of an fMP4 ladder: AAC-LC stereo at 48 kHz. */
  public static Rendition audio(String name, long bandwidth, long averageBandwidth) {
    return new Rendition(name, 0, 0, bandwidth, averageBandwidth, "mp4a.40.2", 0);
  }

  public JsonObject toPublicJson() {
    return new JsonObject().put("name", name).put("width", width).put("height", height)
        .put("bandwidth", bandwidth);
  }

  public JsonObject toJson() {
    return toPublicJson().put("averageBandwidth", averageBandwidth).put("codecs", codecs)
        .put("frameRate", frameRate);
  }

  public static Rendition fromJson(JsonObject j) {
    return new Rendition(j.getString("name"), j.getInteger("width"), j.getInteger("height"),
        j.getLong("bandwidth"), j.getLong("averageBandwidth", j.getLong("bandwidth")),
        j.getString("codecs", ""), j.getDouble("frameRate", 0.0));
  }

  public static String toJsonArray(List<Rendition> renditions) {
    JsonArray array = new JsonArray();
    renditions.forEach(r -> array.add(r.toJson()));
    return array.encode();
  }

  public static List<Rendition> fromJsonArray(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      return List.of();
    }
    return new JsonArray(encoded).stream().map(o -> fromJson((JsonObject) o)).toList();
  }
}
