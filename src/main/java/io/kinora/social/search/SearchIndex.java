package io.kinora.social.search;

import io.kinora.platform.redis.LuaScript;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.redis.Replies;
import io.kinora.social.CatalogueIndex;
import io.kinora.social.VideoCards;
import io.kinora.video.Video;
import io.kinora.video.VideoFields;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search index in Redis, kept by {@link io.kinora.social.CatalogueVerticle} like the catalogue:
 * an inverted index of the words of every public, ready video's title, channel name (the owner's
 * username and display name) and description (its first {@link #MAX_DESCRIPTION_TOKENS} distinct
 * words), plus the words said in its captions (see {@link SaidIndex}). Per word a sorted set {@code kinora:search:w:{word}} of video ids scored
 * {@code weight × 2^44 + created ms}, weight = 4 in the title + 2 in the channel name + 1 in the
 * description; per video the list of its words ({@code kinora:search:doc:{id}}), so a re-index or
 * a removal knows what to take out; and every word in {@code kinora:search:tokens} for prefixes.
 *
 * <p>The words are made in Java (see {@link SearchText}); one script then checks that the record is
 * still the one they were made from (its {@code updatedAt}, the owner's display name) and still
 * public and ready, and swaps the postings, so two nodes syncing at once or an edit in between
 * never leave stale words behind.
 */
public final class SearchIndex implements CatalogueIndex {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

  public static final int MAX_DESCRIPTION_TOKENS = 100;
  static final int TITLE = 4;
  static final int CHANNEL = 2;
  static final int DESCRIPTION = 1;
  /** 2^44: above any sum of up to 8 creation times in ms (until 2039), below 2^53 / 64. */
  static final long WEIGHT_STEP = 1L << 44;
  private static final int ATTEMPTS = 3;

  /**
   * Swaps one video's postings if its record is still the one the words were made from, or
   * unindexes it (KEYS and ARGV: the head of the file). Answers -1 when something changed since
   * it was read: {@link #attempt} reads again.
   */
  private static final LuaScript SYNC = LuaScript.load("social/search/sync", VideoFields.SCRIPT_WORDS);

  private final RedisStore redis;
  private final VideoRepository videos;

  public SearchIndex(RedisStore redis, VideoRepository videos) {
    this.redis = redis;
    this.videos = videos;
  }

  @Override
  public Future<Void> sync(String videoId) {
    return attempt(videoId, 1);
  }

  /**
   * Syncs every public video of one owner again: what a channel rename (a new display name) needs,
   * as the channel name is part of each of their videos' postings. Resolves to how many were synced.
   */
  public Future<Integer> reindexOwner(String ownerId) {
    return redis.api().zrange(List.of(RedisKeys.userCatalogue(ownerId), "0", "-1")).compose(r -> {
      List<String> ids = Replies.strings(r);
      Future<Void> chain = Future.succeededFuture();
      for (String id : ids) {
        // one at a time: a channel with thousands of videos must not flood Redis
        chain = chain.compose(v -> sync(id).otherwiseEmpty());
      }
      return chain.map(v -> ids.size());
    });
  }

  private Future<Void> attempt(String videoId, int attempt) {
    return videos.find(videoId).compose(video -> {
      if (video == null || !VideoCards.listed(video)) {
        return run(videoId, video == null ? "" : nullToEmpty(video.updatedAt()), "",
            video == null ? "" : video.ownerId(), Map.of(), Map.of());
      }
      Future<Response> name = redis.api().hget(RedisKeys.profile(video.ownerId()), "displayName");
      Future<Map<String, String>> captions = redis.api().hgetall(RedisKeys.captions(videoId)).map(Replies::hash);
      return Future.all(name, captions).compose(both -> {
        String displayName = name.result() == null ? "" : name.result().toString();
        Map<String, List<Integer>> said = SaidIndex.of(captions.result().values());
        return run(videoId, nullToEmpty(video.updatedAt()), displayName, video.ownerId(),
            postings(video, displayName, said.keySet()), said);
      });
    }).compose(result -> {
      if (result >= 0) {
        return Future.succeededFuture();
      }
      if (attempt >= ATTEMPTS) {
        // it keeps changing: the change that outran this sync announces itself and syncs again
        LOG.info("video {} changed during {} search index attempts; leaving it to the next sync", videoId, attempt);
        return Future.succeededFuture();
      }
      return attempt(videoId, attempt + 1);
    });
  }

  private Future<Long> run(String videoId, String updatedAt, String displayName, String ownerId,
                           Map<String, Long> postings, Map<String, List<Integer>> said) {
    // the words it is indexed under now: their keys go in KEYS, and the script checks they are still these
    return redis.api().get(RedisKeys.searchDoc(videoId)).compose(doc -> {
      List<String> keys = new ArrayList<>(List.of(RedisKeys.video(videoId), RedisKeys.searchDoc(videoId),
          RedisKeys.SEARCH_TOKENS, RedisKeys.profile(ownerId), RedisKeys.searchSaid(videoId)));
      String old = doc == null ? "" : doc.toString();
      words(old).forEach(word -> keys.add(RedisKeys.searchWord(word)));
      List<String> args = new ArrayList<>(List.of(videoId, updatedAt, displayName, doc == null ? "0" : "1", old,
          String.join(" ", SaidIndex.fields(said))));
      postings.forEach((token, score) -> {
        keys.add(RedisKeys.searchWord(token));
        args.add(token);
        args.add(Long.toString(score));
      });
      return redis.run(SYNC, keys, args).map(Response::toLong);
    });
  }

  /** The words of a doc, split as the script splits it (Lua's {@code %S+}). */
  static List<String> words(String doc) {
    return Arrays.stream(doc.split("[ \\t\\n\\x0B\\f\\r]+")).filter(word -> !word.isEmpty()).toList();
  }

  /**
   * Each word of the video with its score: the weights of the fields it is in, then the creation
   * time. A word said in its captions weighs as one in the description.
   */
  static Map<String, Long> postings(Video video, String displayName, java.util.Set<String> saidWords) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    SearchText.tokens(video.title()).forEach(t -> weights.merge(t, TITLE, (a, b) -> a | b));
    SearchText.tokens(video.ownerName() + " " + displayName).forEach(t -> weights.merge(t, CHANNEL, (a, b) -> a | b));
    SearchText.tokens(video.description(), MAX_DESCRIPTION_TOKENS)
        .forEach(t -> weights.merge(t, DESCRIPTION, (a, b) -> a | b));
    saidWords.forEach(t -> weights.merge(t, DESCRIPTION, (a, b) -> a | b));
    long created = video.createdMillis();
    Map<String, Long> scores = new LinkedHashMap<>();
    weights.forEach((token, weight) -> scores.put(token, score(weight, created)));
    return scores;
  }

  /** {@code weight × 2^44 + createdMs}: sums over up to 8 words stay exact in a double. */
  static long score(int weight, long createdMillis) {
    return weight * WEIGHT_STEP + createdMillis;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
