package io.kinora.account;

import io.kinora.platform.auth.AccountDirectory;
import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.ClientAddress;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.Responses;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.VideoRemoval;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accounts, browser sessions and API tokens: sign-up, sign-in, sign-out, {@code GET /api/me},
 * and a person's tokens. Passwords are hashed on a small worker pool of its own, so a burst of
 * sign-ins queues there instead of taking every worker thread of the node.
 */
public final class AccountApi implements Feature, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AccountApi.class);

  private static final int HASHING_THREADS = 2;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
  private static final int MIN_PASSWORD = 10;
  private static final int MAX_PASSWORD = 1024;
  private static final int MAX_EMAIL = 254;
  private static final int MAX_TOKEN_NAME = 100;
  private static final String WRONG_CREDENTIALS = "Wrong username or password.";

  private final AccountSettings settings;
  private final AccountRepository accounts;
  private final SessionStore sessions;
  private final TokenStore tokens;
  private final SignInThrottle throttle;
  private final PasswordHasher hasher;
  private final WorkerExecutor hashing;
  private final Authenticator authenticator;
  private final AdminApi admin;
  private final AdoptVideosFromBeforeAccounts legacyVideos;
  private final KinoraMetrics metrics;

  public AccountApi(Vertx vertx, RedisStore redis, AccountSettings settings, VideoRepository videos,
                    VideoRemoval removal, KinoraMetrics metrics) {
    this.metrics = metrics;
    this.settings = settings;
    this.accounts = new AccountRepository(redis);
    this.sessions = new SessionStore(redis, settings.sessionIdle(), settings.sessionAbsolute());
    this.tokens = new TokenStore(redis);
    this.throttle = new SignInThrottle(redis);
    this.hasher = new PasswordHasher(settings.passwordCost());
    if (settings.passwordCost().belowRecommended()) {
      LOG.warn("Passwords are hashed with {} KiB and {} passes, below OWASP's recommended argon2id cost: "
          + "fine for tests, not for people's passwords", settings.passwordCost().memoryKib(), settings.passwordCost().passes());
    }
    this.hashing = vertx.createSharedWorkerExecutor("kinora-password", HASHING_THREADS);
    this.authenticator = new Authenticator(accounts, sessions, tokens);
    this.admin = new AdminApi(accounts, sessions, tokens, videos, removal);
    this.legacyVideos = new AdoptVideosFromBeforeAccounts(accounts, videos);
  }

  /** Run on every API request before the features: who is calling (see {@link Authenticator}). */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** Names and ids of accounts, for features that show people. */
  public AccountDirectory directory() {
    return new Directory(accounts);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/account").handler(this::signUpStatus);
    router.post("/api/account").handler(this::signUp);
    router.post("/api/session").handler(this::signIn);
    router.delete("/api/session").handler(this::signOut);
    router.get("/api/me").handler(this::me);
    router.post("/api/me/tokens").handler(this::createToken);
    router.get("/api/me/tokens").handler(this::listTokens);
    router.delete("/api/me/tokens/:tokenId").handler(this::revokeToken);
    admin.mount(router);
  }

  /** {@code GET /api/account}: what a sign-up page needs to know before anyone signs in. */
  private void signUpStatus(RoutingContext ctx) {
    accounts.firstAccount()
        .onSuccess(first -> Responses.json(ctx, 200, new JsonObject()
            .put("signUpOpen", settings.signUpOpen() || first).put("firstAccount", first)))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/account}: anyone while sign-up is open (and for the very first account), an
   * admin always. The cheap refusals (a bad field, closed sign-up, a taken name) come before the
   * password hash, so unauthenticated requests cannot occupy the hashing threads sign-in waits
   * for; the create checks both again atomically (a race with another sign-up).
   */
  private void signUp(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("username", "password", "email"));
    String username = username(Bodies.string(body, "username", 32, true));
    String password = password(Bodies.string(body, "password", MAX_PASSWORD, true));
    String email = email(Bodies.string(body, "email", MAX_EMAIL, false));
    Caller caller = Callers.of(ctx);
    boolean onlyIfFirst = !settings.signUpOpen() && !caller.admin();
    accounts.refusal(username, onlyIfFirst)
        .compose(refusal -> refusal == null ? hashing.executeBlocking(() -> hasher.hash(password), false)
            : Future.failedFuture(signUpRefused(refusal, username)))
        .compose(hash -> accounts.create(username, hash, email, settings.defaultQuotaBytes(), onlyIfFirst))
        .compose(created -> {
          if (created.refusal() != null) {
            throw signUpRefused(created.refusal(), username);
          }
          User user = created.user();
          JsonObject answer = new JsonObject().put("id", user.id()).put("username", user.username())
              .put("role", user.role().wire());
          // videos from before accounts go to the first admin as they sign up (a migration gave
          // them to an admin who existed at the upgrade)
          Future<Integer> adopted = user.admin() && !caller.signedIn() ? legacyVideos.adopt() : Future.succeededFuture(0);
          // an admin making an account for someone stays signed in as themselves
          return adopted.compose(n -> caller.signedIn() ? Future.succeededFuture(answer)
              : startSession(ctx, user).map(answer));
        })
        .onSuccess(answer -> Responses.json(ctx, 201, answer))
        .onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/session}: the same answer for an unknown name and a wrong password. The
   * attempt is reserved with the throttle before the password is hashed (see {@link SignInThrottle}).
   */
  private void signIn(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, Set.of("username", "password"));
    String username = Bodies.string(body, "username", 32, true);
    String password = Bodies.string(body, "password", MAX_PASSWORD, true);
    if (!USERNAME.matcher(username).matches()) {
      metrics.signInFailed();
      throw new KinoraException(ErrorCode.UNAUTHORIZED, WRONG_CREDENTIALS);
    }
    String address = ClientAddress.of(ctx);
    throttle.reserve(username, address)
        .compose(v -> accounts.findByName(username))
        .compose(user -> hashing.executeBlocking(() -> user != null
            && hasher.verify(password, user.passwordHash()) && !user.disabled() ? user : wrongPassword(user, password), false))
        .compose(user -> {
          if (user == null) {
            // the reservation stays counted: a wrong guess is what the throttle counts
            return Future.<User>failedFuture(new KinoraException(ErrorCode.UNAUTHORIZED, WRONG_CREDENTIALS));
          }
          return throttle.succeeded(username, address).compose(v -> startSession(ctx, user)).map(user);
        })
        .onSuccess(user -> Responses.json(ctx, 200, user.toJson()))
        .onFailure(err -> {
          if (err instanceof KinoraException refused && (refused.code() == ErrorCode.UNAUTHORIZED
              || refused.code() == ErrorCode.TOO_MANY_REQUESTS)) {
            metrics.signInFailed();
          }
          ctx.fail(err);
        });
  }

  private static KinoraException signUpRefused(AccountRepository.Refusal refusal, String username) {
    return switch (refusal) {
      case NAME_TAKEN -> KinoraException.conflict("The username '" + username + "' is taken; choose another.");
      case SIGN_UP_CLOSED -> new KinoraException(ErrorCode.FORBIDDEN,
          "Sign-up is closed on this server: ask an administrator to create your account.");
    };
  }

  /** Null, after spending a verification's time when there was no account to verify against. */
  private User wrongPassword(User user, String password) {
    if (user == null) {
      hasher.verifyNobody(password);
    }
    return null;
  }

  /** {@code DELETE /api/session}: ends this browser session on every node. */
  private void signOut(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    String cookie = Authenticator.sessionCookie(ctx);
    Future<Void> closed = cookie == null ? Future.succeededFuture() : sessions.close(cookie, caller.userId());
    closed.onSuccess(v -> {
      clearCookies(ctx);
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  /** {@code GET /api/me}. */
  private void me(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    accounts.find(caller.userId())
        .onSuccess(user -> {
          if (user == null) {
            ctx.fail(new KinoraException(ErrorCode.UNAUTHORIZED, "This account no longer exists."));
          } else {
            Responses.json(ctx, 200, user.toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/me/tokens}: the token is in this answer and nowhere else, ever. */
  private void createToken(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, Set.of("name"));
    String name = Bodies.string(body, "name", MAX_TOKEN_NAME, true).trim();
    tokens.create(caller.userId(), name)
        .map(made -> {
          if (made == null) {
            throw KinoraException.conflict("You have " + TokenStore.MAX_TOKENS_PER_USER
                + " API tokens, the most allowed; revoke one first.");
          }
          return made;
        })
        .onSuccess(made -> Responses.json(ctx, 201, made.description().copy().put("token", made.token())))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/me/tokens}: names and dates, never the secrets. */
  private void listTokens(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    tokens.list(caller.userId())
        .onSuccess(items -> Responses.json(ctx, 200, new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/me/tokens/{id}}. */
  private void revokeToken(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    tokens.revoke(caller.userId(), ctx.pathParam("tokenId"))
        .onSuccess(found -> {
          if (found) {
            Responses.noContent(ctx);
          } else {
            ctx.fail(KinoraException.notFound("You have no API token with this id."));
          }
        })
        .onFailure(ctx::fail);
  }

  /** A new session (a new ID at every sign-in) and its cookies. */
  private Future<Void> startSession(RoutingContext ctx, User user) {
    return sessions.open(user.id()).map(opened -> {
      long maxAge = settings.sessionAbsolute().toSeconds();
      ctx.response().addCookie(cookie(ctx, Authenticator.SESSION_COOKIE, opened.cookieValue(), maxAge, true));
      ctx.response().addCookie(cookie(ctx, Authenticator.CSRF_COOKIE, opened.csrfToken(), maxAge, false));
      return null;
    });
  }

  private static void clearCookies(RoutingContext ctx) {
    ctx.response().addCookie(cookie(ctx, Authenticator.SESSION_COOKIE, "", 0, true));
    ctx.response().addCookie(cookie(ctx, Authenticator.CSRF_COOKIE, "", 0, false));
  }

  /** HttpOnly for the session (scripts never need it); the CSRF cookie is read by the page's script. */
  private static Cookie cookie(RoutingContext ctx, String name, String value, long maxAgeSeconds, boolean httpOnly) {
    return Cookie.cookie(name, value).setPath("/").setMaxAge(maxAgeSeconds).setHttpOnly(httpOnly)
        .setSameSite(CookieSameSite.LAX).setSecure(Responses.overHttps(ctx));
  }

  private static String username(String value) {
    if (!USERNAME.matcher(value).matches()) {
      throw KinoraException.invalid("A username is 3 to 32 characters: letters, digits, '.', '-' and '_'.");
    }
    return value;
  }

  private static String password(String value) {
    if (value.length() < MIN_PASSWORD) {
      throw KinoraException.invalid("A password has at least " + MIN_PASSWORD + " characters; a short sentence works well.");
    }
    return value;
  }

  private static String email(String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    String email = value.trim();
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw KinoraException.invalid("'email' must look like name@example.org (or be left out).");
    }
    return email;
  }

  @Override
  public void close() {
    hashing.close();
  }
}
