package io.kinora.social.ratings;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Secrets;
import io.kinora.platform.http.ClientAddress;
import io.kinora.platform.http.Responses;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Who a viewer is, for counting their view once: their account when signed in, else their client
 * address ({@link ClientAddress}: a forged {@code X-Forwarded-For} from an untrusted peer changes
 * nothing) and a per-browser cookie, set here when absent. Headers such as the user agent play no
 * part. The cookie is the client's to change, so {@link ViewCounter} also caps how many anonymous
 * viewers one address adds to a video.
 */
final class Viewers {

  static final String COOKIE = "kinora_viewer";
  private static final Pattern BROWSER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Duration COOKIE_LIFETIME = Duration.ofDays(365);

  private Viewers() {
  }

  /** A viewer: who they are, and for an anonymous one the address their views are capped by. */
  record Viewer(String identity, String address) {

    boolean anonymous() {
      return address != null;
    }
  }

  static Viewer of(Caller caller, RoutingContext ctx) {
    if (caller.signedIn()) {
      return new Viewer("user:" + caller.userId(), null);
    }
    String address = ClientAddress.of(ctx);
    return new Viewer("anon:" + address + "\n" + browser(ctx), address);
  }

  /** This browser's id from its cookie, or a new one given to it now. */
  private static String browser(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && BROWSER_ID.matcher(cookie.getValue()).matches()) {
      return cookie.getValue();
    }
    String id = Secrets.random(16);
    ctx.response().addCookie(Cookie.cookie(COOKIE, id).setPath("/").setMaxAge(COOKIE_LIFETIME.toSeconds())
        .setHttpOnly(true).setSameSite(CookieSameSite.LAX).setSecure(Responses.overHttps(ctx)));
    return id;
  }
}
