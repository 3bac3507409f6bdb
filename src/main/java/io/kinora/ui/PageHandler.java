package io.kinora.ui;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the pages of {@code webroot/} as {@link PageAssembler} puts them together, with the
 * caching headers the static handler gives every other file (Cache-Control, Last-Modified, 304 to
 * If-Modified-Since; no ETag). A page is assembled at its first request, on a worker thread since
 * it reads files, and kept: webroot does not change under a running node. Any other path, or a
 * page webroot lacks, goes on to the static handler.
 */
final class PageHandler implements Handler<RoutingContext> {

  /** {@code /} or a file at the top of webroot ending in {@code .html}: the only places pages live. */
  static final String PAGE_PATHS = "/|/[a-z0-9-]+\\.html";

  private final String cacheControl;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();

  private record Page(Buffer html, Instant modified) {
  }

  PageHandler(int maxAgeSeconds) {
    // what the static handler sends, so a page caches exactly as it did when it was a plain file
    this.cacheControl = "public, immutable, max-age=" + maxAgeSeconds;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath().equals("/") ? "/index.html" : ctx.normalizedPath();
    Page page = pages.get(path);
    if (page != null) {
      send(ctx, page);
      return;
    }
    WebrootFiles files = WebrootFiles.of(ctx.vertx().fileSystem());
    ctx.vertx().executeBlocking(() -> new PageAssembler(files).assemble(path), false)
        .onSuccess(assembled -> {
          if (assembled == null) {
            ctx.next();
            return;
          }
          // two first requests may both assemble; they make the same page
          Page made = new Page(Buffer.buffer(assembled.html()), assembled.modified());
          send(ctx, pages.computeIfAbsent(path, p -> made));
        })
        .onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx, Page page) {
    HttpServerResponse response = ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
        .putHeader(HttpHeaders.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
    if (ctx.request().headers().contains(HttpHeaders.ACCEPT_ENCODING)) {
      // for caches between: the edge (nginx) compresses pages for clients that accept it
      response.putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
    ctx.lastModified(page.modified());
    if (ctx.isFresh()) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(page.html().length()));
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(page.html());
    }
  }
}
