package io.kinora.platform.auth;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.vertx.ext.web.RoutingContext;

/** Where the caller of a request is kept on its routing context. */
public final class Callers {

  private static final String KEY = "kinora.caller";

  private Callers() {
  }

  public static void set(RoutingContext ctx, Caller caller) {
    ctx.put(KEY, caller);
  }

  /** The caller; anonymous when nobody signed in (or the route is outside the API). */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    return caller == null ? Caller.ANONYMOUS : caller;
  }

  /** The caller, or UNAUTHORIZED with a sentence saying how to sign in. */
  public static Caller signedIn(RoutingContext ctx) {
    Caller caller = of(ctx);
    if (!caller.signedIn()) {
      throw new KinoraException(ErrorCode.UNAUTHORIZED,
          "Sign in first (POST /api/session), or send an API token as 'Authorization: Bearer <token>'.");
    }
    return caller;
  }

  /** The caller if an admin; FORBIDDEN for anyone else signed in, UNAUTHORIZED when signed out. */
  public static Caller admin(RoutingContext ctx) {
    Caller caller = signedIn(ctx);
    if (!caller.admin()) {
      throw new KinoraException(ErrorCode.FORBIDDEN, "Only an administrator may do this.");
    }
    return caller;
  }
}
