package io.kinora.video;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A progressive MP4 of one rendition ({@code moov} before {@code mdat}), remuxed from its
 * segments at the end of the job, stored as {@code downloads/{rendition}.mp4} beside them.
 */
public record Download(String rendition, long sizeBytes) {

  public JsonObject toJson() {
    return new JsonObject().put("rendition", rendition).put("sizeBytes", sizeBytes);
  }

  public static String toJsonArray(List<Download> downloads) {
    JsonArray array = new JsonArray();
    downloads.forEach(d -> array.add(d.toJson()));
    return array.encode();
  }

  /** The stored list; empty for a video processed before downloads existed. */
  public static List<Download> fromJsonArray(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      return List.of();
    }
    return new JsonArray(encoded).stream().map(o -> (JsonObject) o)
        .map(j -> new Download(j.getString("rendition"), j.getLong("sizeBytes"))).toList();
  }
}
