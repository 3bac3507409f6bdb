package io.kinora.video;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What viewers did with a video, kept as counters in its hash by the social scripts that change
 * them (ratings, views, comments), and whether its owner accepts comments.
 */
public record Engagement(long likes, long dislikes, long views, long commentCount, boolean commentsOff) {

  public static final Engagement NONE = new Engagement(0, 0, 0, 0, false);

  static Engagement fromHash(Map<String, String> h) {
    return new Engagement(count(h.get(VideoFields.LIKES)), count(h.get(VideoFields.DISLIKES)),
        count(h.get(VideoFields.VIEWS)), count(h.get(VideoFields.COMMENT_COUNT)),
        "1".equals(h.get(VideoFields.COMMENTS_OFF)));
  }

  void addTo(JsonObject json) {
    json.put("likes", likes).put("dislikes", dislikes).put("views", views).put("commentCount", commentCount)
        .put("commentsEnabled", !commentsOff);
  }

  private static long count(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    return Math.max(0, Long.parseLong(value));
  }
}
