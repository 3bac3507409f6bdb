package io.kinora.social.search;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.social.VideoCards;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /api/search?q=&page=&pageSize=}: public, ready videos whose title, channel name or
 * description hold the words of {@code q} (the last one may be the start of a word), best match
 * first, then newest. Anyone may search; every result is checked again through
 * {@link VideoCards#listed}, so a video hidden a moment ago, before the index heard of it, never
 * shows.
 */
public final class SearchApi implements Feature {

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 50;

  private final Searcher searcher;
  private final VideoCards cards;

  public SearchApi(Searcher searcher, VideoCards cards) {
    this.searcher = searcher;
    this.cards = cards;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/search").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    String q = ctx.request().getParam("q");
    SearchQuery query = SearchQuery.parse(q);
    int pageSize = Bodies.intParam(ctx, "pageSize", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    int page = Bodies.intParam(ctx, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, 1);
    checkWindow(page, pageSize);
    searcher.search(query)
        .compose(hits -> {
          int from = Math.min((page - 1) * pageSize, hits.ids().size());
          List<String> ids = hits.ids().subList(from, Math.min(from + pageSize, hits.ids().size()));
          return cards.listed(caller, ids).map(videos -> new JsonObject()
              .put("items", VideoCards.toJson(videos))
              .put("page", page)
              .put("pageSize", pageSize)
              .put("total", hits.total())
              .put("totalIsEstimate", hits.estimate())
              .put("query", q.strip()));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
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
