package io.kinora.social.search;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisKeys;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.signing.UrlSigner;
import io.kinora.social.VideoCards;
import io.kinora.video.Storyboard;
import io.kinora.video.Video;
import io.kinora.video.VideoUrls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/search?q=&page=&pageSize=}: public, ready videos whose title, channel name or
 * description hold the words of {@code q} (the last one may be the start of a word), best match
 * first, then newest; the words said in captions count as the description's. Anyone may search;
 * every result is checked again through {@link VideoCards#listed}, so a video hidden a moment ago,
 * before the index heard of it, never shows. A result whose captions say the words also has
 * {@code said}: the second they are said at, the watch link to it and the storyboard thumbnail
 * of that moment.
 */
public final class SearchApi implements Feature {

  private final Searcher searcher;
  private final VideoCards cards;
  private final RedisStore redis;
  private final UrlSigner signer;

  public SearchApi(Searcher searcher, VideoCards cards, RedisStore redis, UrlSigner signer) {
    this.searcher = searcher;
    this.cards = cards;
    this.redis = redis;
    this.signer = signer;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/search").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    String q = ctx.request().getParam("q");
    SearchQuery query = SearchQuery.parse(q);
    PageRequest page = Paging.pages(ctx, PageLimits.SEARCH);
    checkWindow(page.page(), page.size());
    searcher.search(query)
        .compose(hits -> cards.listed(caller, page.slice(hits.ids()))
            .compose(videos -> withMoments(videos, query))
            .map(items -> Pages.envelope(items, page, hits.total())
                .put("totalIsEstimate", hits.estimate())
                .put("query", q.strip())))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** Each video's JSON, with where its captions say the query's words when they do (one HMGET each). */
  private Future<JsonArray> withMoments(List<Video> videos, SearchQuery query) {
    List<String> words = new ArrayList<>(query.words());
    if (query.prefix() != null) {
      words.add(query.prefix());
    }
    List<Future<JsonObject>> items = new ArrayList<>();
    for (Video video : videos) {
      if (words.isEmpty() || video.captions().isEmpty()) {
        items.add(Future.succeededFuture(video.toJson()));
        continue;
      }
      List<String> args = new ArrayList<>(List.of(RedisKeys.searchSaid(video.id())));
      args.addAll(words);
      items.add(redis.api().hmget(args).map(times -> {
        List<String> perWord = new ArrayList<>();
        times.forEach(t -> perWord.add(t == null ? null : t.toString()));
        int at = SaidIndex.moment(perWord);
        return at < 0 ? video.toJson() : video.toJson().put("said", said(video, at));
      }));
    }
    return Future.all(items).map(all -> new JsonArray(items.stream().map(Future::result).toList()));
  }

  /** The moment: its second, the watch link to it, and its storyboard tile (a signed sheet and {@code #xywh}). */
  private JsonObject said(Video video, int at) {
    JsonObject said = new JsonObject().put("at", at).put("watchUrl", "/watch/" + video.id() + "?t=" + at);
    Storyboard board = video.storyboard();
    if (board != null) {
      int i = (int) Math.min(board.count() - 1, at * 1000L / board.intervalMillis());
      String sheet = signer.signedUrl(VideoUrls.media(video.id(), VideoUrls.STORYBOARD,
          Storyboard.sheetName(board.sheetOf(i))), signer.nextExpiry());
      said.put("thumbnail", new JsonObject().put("url", sheet).put("x", board.xOf(i)).put("y", board.yOf(i))
          .put("width", board.tileWidth()).put("height", board.tileHeight()));
    }
    return said;
  }

  /** Only the first {@link Searcher#WINDOW} results can be paged through. */
  static void checkWindow(int page, int pageSize) {
    if ((long) page * pageSize > Searcher.WINDOW) {
      throw KinoraException.invalid("Search shows the first " + Searcher.WINDOW + " results only: with "
          + pageSize + " per page that is page 1 to " + Math.max(1, Searcher.WINDOW / pageSize)
          + ". Add words to find what you are looking for.");
    }
  }
}
