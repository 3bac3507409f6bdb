package io.kinora.platform.http;

import io.vertx.ext.web.RoutingContext;

import java.util.function.UnaryOperator;

/**
 * Reads which page a listing request asks for, the same way for every list: {@code page} and
 * {@code pageSize} for numbered pages, {@code cursor} and {@code limit} for lists that grow while
 * they are read. A value out of bounds is INVALID_INPUT naming the parameter.
 */
public final class Paging {

  private Paging() {
  }

  /** {@code ?page=&pageSize=}: page 1 and the list's default size when absent. */
  public static PageRequest pages(RoutingContext ctx, PageLimits limits) {
    return pages(ctx.request()::getParam, limits);
  }

  /** As {@link #pages(RoutingContext, PageLimits)}, with the query parameters by name. */
  public static PageRequest pages(UnaryOperator<String> params, PageLimits limits) {
    int page = Bodies.intParam(params.apply("page"), "page", 1, limits.maxPage(), 1);
    int size = Bodies.intParam(params.apply("pageSize"), "pageSize", 1, limits.maxSize(), limits.defaultSize());
    return new PageRequest(page, size);
  }

  /**
   * {@code ?cursor=&limit=}: from the start and the list's default size when absent; a cursor that
   * is not one of ours is refused with {@code refusal}, a sentence saying how to start again.
   */
  public static CursorRequest cursor(RoutingContext ctx, PageLimits limits, String refusal) {
    return cursor(ctx.request()::getParam, limits, refusal);
  }

  /** As {@link #cursor(RoutingContext, PageLimits, String)}, with the query parameters by name. */
  public static CursorRequest cursor(UnaryOperator<String> params, PageLimits limits, String refusal) {
    PageCursor after = PageCursor.parse(params.apply("cursor"), refusal);
    int limit = Bodies.intParam(params.apply("limit"), "limit", 1, limits.maxSize(), limits.defaultSize());
    return new CursorRequest(after, limit);
  }
}
