package io.kinora.platform.redis;

import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Redis replies into Java values, the one way every store does it. A nil reply (a missing
 * key) reads as empty, never null, so callers need no null check of their own.
 */
public final class Replies {

  /** One member of a sorted set and its score, as {@code WITHSCORES} replies pair them. */
  public record Scored(String member, double score) {
  }

  private Replies() {
  }

  /** The bulk string, or null for nil. */
  public static String string(Response reply) {
    return reply == null ? null : reply.toString();
  }

  /**
   * A hash: HGETALL's reply or a script's field/value list. Both a flat RESP2 array and a RESP3
   * map are read, so the protocol version stays a connection setting.
   */
  public static Map<String, String> hash(Response reply) {
    Map<String, String> map = new LinkedHashMap<>();
    if (reply == null) {
      return map;
    }
    if (reply.isMap()) {
      reply.getKeys().forEach(field -> map.put(field, string(reply.get(field))));
      return map;
    }
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      map.put(reply.get(i).toString(), string(reply.get(i + 1)));
    }
    return map;
  }

  /** Each element of an array reply in order (a nil element as null). */
  public static List<String> strings(Response reply) {
    List<String> out = new ArrayList<>(reply == null ? 0 : reply.size());
    if (reply != null) {
      reply.forEach(element -> out.add(string(element)));
    }
    return out;
  }

  /** Member/score pairs of a {@code WITHSCORES} reply, in order. */
  public static List<Scored> scored(Response reply) {
    List<Scored> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      out.add(new Scored(reply.get(i).toString(), Double.parseDouble(reply.get(i + 1).toString())));
    }
    return out;
  }
}
