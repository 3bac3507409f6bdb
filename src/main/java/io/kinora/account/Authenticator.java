package io.kinora.account;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.auth.Secrets;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Decides who is calling, once per API request, before any feature sees it: an
 * {@code Authorization: Bearer} token, else the session cookie, else nobody. A request that
 * changes something on the strength of a cookie must echo the session's CSRF token in
 * {@code X-XSRF-TOKEN} (the double-submit pattern; a bearer token needs none, since a browser
 * never adds one on its own). Disabled accounts are nobody.
 */
public final class Authenticator implements Handler<RoutingContext> {

  static final String SESSION_COOKIE = "kinora_session";
  static final String CSRF_COOKIE = "XSRF-TOKEN";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String SESSION_KEY = "kinora.session";

  private final AccountRepository accounts;
  private final SessionStore sessions;
  private final TokenStore tokens;

  Authenticator(AccountRepository accounts, SessionStore sessions, TokenStore tokens) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    Future<Caller> caller;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      caller = byToken(authorization.substring(7).trim());
    } else if (cookie != null && !cookie.getValue().isBlank()) {
      caller = bySession(ctx, cookie.getValue());
    } else {
      caller = Future.succeededFuture(Caller.ANONYMOUS);
    }
    caller.onSuccess(c -> {
      Callers.set(ctx, c);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  private Future<Caller> byToken(String token) {
    return tokens.find(token)
        .compose(owner -> owner == null ? Future.succeededFuture(null) : accounts.find(owner.userId()))
        .map(user -> {
          if (user == null || user.disabled()) {
            throw new KinoraException(ErrorCode.UNAUTHORIZED,
                "This API token is not valid: it was revoked, its account is disabled, or it was mistyped.");
          }
          return new Caller(user.id(), user.username(), user.admin(), Caller.Via.TOKEN);
        });
  }

  private Future<Caller> bySession(RoutingContext ctx, String cookieValue) {
    return sessions.find(cookieValue).compose(session -> {
      if (session == null) {
        return Future.succeededFuture(Caller.ANONYMOUS);
      }
      return accounts.find(session.userId()).map(user -> {
        if (user == null || user.disabled()) {
          return Caller.ANONYMOUS;
        }
        requireCsrfToken(ctx, session);
        ctx.put(SESSION_KEY, cookieValue);
        return new Caller(user.id(), user.username(), user.admin(), Caller.Via.SESSION);
      });
    });
  }

  private static void requireCsrfToken(RoutingContext ctx, SessionStore.Session session) {
    if (SAFE.contains(ctx.request().method())) {
      return;
    }
    if (!Secrets.same(ctx.request().getHeader(CSRF_HEADER), session.csrfToken())) {
      throw new KinoraException(ErrorCode.FORBIDDEN, "This request needs the " + CSRF_HEADER
          + " header with the value of the " + CSRF_COOKIE + " cookie (or use an API token instead of the cookie).");
    }
  }

  /** The session cookie value the caller signed in with, or null. */
  static String sessionCookie(RoutingContext ctx) {
    return ctx.get(SESSION_KEY);
  }
}
