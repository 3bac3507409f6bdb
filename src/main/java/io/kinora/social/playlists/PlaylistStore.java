package io.kinora.social.playlists;

import io.kinora.platform.http.PageRequest;
import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.video.VideoFields;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Playlists in Redis, their one writer: {@code kinora:playlist:{pid}} (hash: id, ownerId, title,
 * description, visibility, createdAt, createdMs, updatedAt), {@code kinora:playlist:{pid}:items}
 * (sorted set, video id by position, so a page is one {@code ZRANGE}), {@code
 * kinora:user:{id}:playlists} (every playlist of an owner by creation ms) and {@code
 * kinora:user:{id}:playlists:public} (only the public ones, so a channel's list is O(page) too).
 * Every change is one Lua script that re-checks the playlist still exists, so a change racing a
 * deletion leaves nothing behind.
 */
final class PlaylistStore {

  // each script's KEYS, ARGV and replies are in the head of its file, src/main/resources/lua/social/playlists/
  private static final LuaScript CREATE = load("create");
  /** Appends at the end. */
  private static final LuaScript ADD = load("add");
  private static final LuaScript REMOVE = load("remove");
  /** Title, description, visibility and order at once, or nothing. */
  private static final LuaScript UPDATE = load("update");
  private static final LuaScript DELETE = load("delete");
  /**
   * A page of the entries everyone may see: those in the public catalogue (public and ready), by
   * position, from {@code kinora:playlist:{pid}:listed}, rebuilt when missing (one ZINTERSTORE over
   * at most {@link PlaylistsApi#MAX_ITEMS} entries, each looked up in the catalogue) and kept
   * {@link #LISTED_TTL_MS}.
   */
  private static final LuaScript LISTED = load("listed");

  private static LuaScript load(String name) {
    return LuaScript.load("social/playlists/" + name, VideoFields.SCRIPT_WORDS);
  }

  /**
   * How long a computed list of listed entries is used. Adding, removing and reordering forget it at
   * once; a video becoming public or private elsewhere shows in the count within this time (what is
   * shown is rechecked through VideoAccess on every read anyway).
   */
  static final long LISTED_TTL_MS = 5000;

  private final RedisStore redis;

  PlaylistStore(RedisStore redis) {
    this.redis = redis;
  }

  /** False when the owner already has {@code maxPerOwner} playlists. */
  Future<Boolean> create(String id, String ownerId, String title, String description, Visibility visibility,
                         int maxPerOwner) {
    Instant now = Instant.now();
    return redis.run(CREATE, List.of(RedisKeys.playlist(id), RedisKeys.userPlaylists(ownerId),
            RedisKeys.userPublicPlaylists(ownerId)),
        List.of(id, ownerId, title, description, visibility.wire(), now.toString(), Long.toString(now.toEpochMilli()),
            Integer.toString(maxPerOwner))).map(r -> r.toInteger() == 1);
  }

  /** The playlist, or null. */
  Future<Playlist> find(String id) {
    Future<Response> hash = redis.api().hgetall(RedisKeys.playlist(id));
    Future<Response> count = redis.api().zcard(RedisKeys.playlistItems(id));
    return Future.all(hash, count).map(done -> Playlist.fromHash(Replies.hash(hash.result()),
        count.result().toLong()));
  }

  /** Several playlists in order; those gone meanwhile are left out. */
  Future<List<Playlist>> findAll(List<String> ids) {
    List<Future<Playlist>> lookups = ids.stream().map(this::find).toList();
    return Future.all(lookups).map(done -> lookups.stream().map(Future::result).filter(p -> p != null).toList());
  }

  /** The video ids at positions [start, start + count), in order: one ZRANGE. */
  Future<List<String>> itemIds(String id, long start, int count) {
    return redis.api().zrange(List.of(RedisKeys.playlistItems(id), Long.toString(start),
        Long.toString(start + count - 1))).map(Replies::strings);
  }

  /** The public, ready entries at [start, start + count) and how many there are in all. */
  Future<IdPage> listedIds(String id, long start, int count) {
    return redis.run(LISTED, List.of(RedisKeys.playlistItems(id), RedisKeys.CATALOGUE, RedisKeys.playlistListed(id)),
        List.of(Long.toString(start), Long.toString(start + count - 1), Long.toString(LISTED_TTL_MS)))
        .map(r -> new IdPage(Replies.strings(r.get(1)), r.get(0).toLong()));
  }

  /** How many entries everyone may see (public and ready). */
  Future<Long> listedCount(String id) {
    return listedIds(id, 1, 0).map(IdPage::total);
  }

  /** A page of an owner's playlist ids, newest first, all of them or only the public ones; with the total. */
  Future<IdPage> ofOwner(String ownerId, boolean onlyPublic, PageRequest page) {
    String key = onlyPublic ? RedisKeys.userPublicPlaylists(ownerId) : RedisKeys.userPlaylists(ownerId);
    Future<Response> ids = redis.api().zrevrange(List.of(key, Long.toString(page.offset()), Long.toString(page.lastIndex())));
    Future<Response> total = redis.api().zcard(key);
    return Future.all(ids, total).map(done -> new IdPage(Replies.strings(ids.result()), total.result().toLong()));
  }

  /** For each playlist, whether the video is in it. */
  Future<List<Boolean>> contains(List<String> playlistIds, String videoId) {
    List<Future<Response>> scores = playlistIds.stream()
        .map(pid -> redis.api().zscore(RedisKeys.playlistItems(pid), videoId)).toList();
    return Future.all(scores).map(done -> scores.stream().map(f -> f.result() != null).toList());
  }

  /** 1 added, 0 already there, -1 the playlist is gone, -2 it is full. */
  Future<Integer> add(String id, String videoId, int maxItems) {
    return redis.run(ADD, List.of(RedisKeys.playlist(id), RedisKeys.playlistItems(id), RedisKeys.playlistListed(id)),
        List.of(videoId, Integer.toString(maxItems), Instant.now().toString())).map(Response::toInteger);
  }

  /** 1 removed, 0 it was not there, -1 the playlist is gone. */
  Future<Integer> remove(String id, String videoId) {
    return redis.run(REMOVE, List.of(RedisKeys.playlist(id), RedisKeys.playlistItems(id), RedisKeys.playlistListed(id)),
        List.of(videoId, Instant.now().toString())).map(Response::toInteger);
  }

  /** Nulls are left as they are. 1 done, -1 the playlist is gone, -3 {@code order} is not the current set. */
  Future<Integer> update(Playlist playlist, String title, String description, Visibility visibility,
                         List<String> order) {
    List<String> args = new ArrayList<>(List.of(Instant.now().toString(),
        title == null ? "" : title, title == null ? "0" : "1",
        description == null ? "" : description, description == null ? "0" : "1",
        visibility == null ? "" : visibility.wire(), order == null ? "0" : "1"));
    if (order != null) {
      args.addAll(order);
    }
    return redis.run(UPDATE, List.of(RedisKeys.playlist(playlist.id()), RedisKeys.playlistItems(playlist.id()),
        RedisKeys.userPublicPlaylists(playlist.ownerId()), RedisKeys.playlistListed(playlist.id())), args)
        .map(Response::toInteger);
  }

  Future<Void> delete(Playlist playlist) {
    return redis.run(DELETE, List.of(RedisKeys.playlist(playlist.id()), RedisKeys.playlistItems(playlist.id()),
        RedisKeys.userPlaylists(playlist.ownerId()), RedisKeys.userPublicPlaylists(playlist.ownerId()),
        RedisKeys.playlistListed(playlist.id())), List.of(playlist.id())).mapEmpty();
  }

  record IdPage(List<String> ids, long total) {
  }


}
