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
import io.kinora.social.VideoCards;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/search?q=&page=&pageSize=}: public, ready videos whose title, channel name or
 * description hold the words of {@code q} (the last one may be the start of a word), best match
 * first, then newest. Anyone may search; every result is checked again through
 * {@link VideoCards#listed}, so a video hidden a moment ago, before the index heard of it, never
 * shows.
 */
public final class SearchApi implements Feature {

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
    PageRequest page = Paging.pages(ctx, PageLimits.SEARCH);
    checkWindow(page.page(), page.size());
    searcher.search(query)
        .compose(hits -> cards.listed(caller, page.slice(hits.ids()))
            .map(videos -> Pages.envelope(VideoCards.toJson(videos), page, hits.total())
                .put("totalIsEstimate", hits.estimate())
                .put("query", q.strip())))
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
