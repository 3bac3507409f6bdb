package io.kinora.account;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.kinora.video.VideoRemoval;
import io.kinora.video.VideoRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Managing accounts, for admins: list with usage, change role, quota or disabled, delete with
 * every video. Disabling ends the account's sessions and tokens at once, on every node. An admin
 * cannot demote, disable or delete themselves, and no change may leave no active admin (checked
 * atomically with the write: two admins demoting each other at once), so a deployment never
 * loses its last admin.
 */
final class AdminApi {

  private static final long MAX_QUOTA = 1L << 50;

  private final AccountRepository accounts;
  private final SessionStore sessions;
  private final TokenStore tokens;
  private final VideoRepository videos;
  private final VideoRemoval removal;

  AdminApi(AccountRepository accounts, SessionStore sessions, TokenStore tokens, VideoRepository videos,
           VideoRemoval removal) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.tokens = tokens;
    this.videos = videos;
    this.removal = removal;
  }

  void mount(Router router) {
    router.get("/api/admin/users").handler(this::list);
    router.patch("/api/admin/users/:userId").handler(this::update);
    router.delete("/api/admin/users/:userId").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Callers.admin(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.USERS);
    accounts.list(page)
        .onSuccess(result -> {
          JsonArray items = new JsonArray();
          result.items().forEach(user -> items.add(user.toAdminJson()));
          Responses.json(ctx, 200, Pages.envelope(items, page, result.total()));
        })
        .onFailure(ctx::fail);
  }

  /** {@code PATCH /api/admin/users/{id}} {@code {role?, disabled?, quotaBytes?}}. */
  private void update(RoutingContext ctx) {
    Caller admin = Callers.admin(ctx);
    String id = ctx.pathParam("userId");
    JsonObject body = Bodies.object(ctx, Set.of("role", "disabled", "quotaBytes"));
    User.Role role = role(Bodies.string(body, "role", 8, false));
    Boolean disabled = bool(body, "disabled");
    Long quota = body.containsKey("quotaBytes") ? quota(body) : null;
    if (id.equals(admin.userId()) && (role == User.Role.USER || Boolean.TRUE.equals(disabled))) {
      throw notYourself();
    }
    accounts.update(id, role, disabled, quota)
        .compose(updated -> {
          refuseUnlessDone(updated);
          // a disabled account is signed out everywhere, and its scripts stop working
          return Boolean.TRUE.equals(disabled)
              ? sessions.closeAll(id).compose(v -> tokens.revokeAll(id)) : Future.succeededFuture();
        })
        .compose(v -> accounts.find(id))
        .onSuccess(user -> Responses.json(ctx, 200, user.toAdminJson()))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/admin/users/{id}}: the account, its sessions, tokens and every video. */
  private void delete(RoutingContext ctx) {
    Caller admin = Callers.admin(ctx);
    String id = ctx.pathParam("userId");
    if (id.equals(admin.userId())) {
      throw notYourself();
    }
    // disabled and demoted first, in the step that keeps the last admin: then removed at leisure
    accounts.update(id, User.Role.USER, true, null)
        .compose(updated -> {
          refuseUnlessDone(updated);
          return accounts.find(id);
        })
        .compose(user -> {
          if (user == null) {
            throw noSuchUser();
          }
          return sessions.closeAll(id).compose(v -> tokens.revokeAll(id))
              .compose(v -> removeVideos(id))
              .compose(v -> accounts.delete(user));
        })
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** One after another: a user with thousands of videos must not flood storage with deletes. */
  private Future<Void> removeVideos(String ownerId) {
    return videos.idsOwnedBy(ownerId).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (String videoId : ids) {
        chain = chain.compose(v -> videos.find(videoId))
            .compose(video -> video == null ? Future.succeededFuture() : removal.remove(video));
      }
      return chain;
    });
  }

  private static User.Role role(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "user" -> User.Role.USER;
      case "admin" -> User.Role.ADMIN;
      default -> throw KinoraException.invalid("'role' is user or admin.");
    };
  }

  private static Boolean bool(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw KinoraException.invalid("'" + field + "' must be true or false.");
    }
    return (Boolean) value;
  }

  private static long quota(JsonObject body) {
    long quota = Bodies.positiveLong(body, "quotaBytes");
    if (quota > MAX_QUOTA) {
      throw KinoraException.invalid("'quotaBytes' must be at most " + MAX_QUOTA + ".");
    }
    return quota;
  }

  private static KinoraException notYourself() {
    return new KinoraException(ErrorCode.FORBIDDEN,
        "You cannot demote, disable or delete your own account; ask another administrator.");
  }

  private static void refuseUnlessDone(AccountRepository.Updated updated) {
    switch (updated) {
      case NO_SUCH_USER -> throw noSuchUser();
      case LAST_ADMIN -> throw KinoraException.conflict(
          "This is the last active administrator; make another account an administrator first.");
      case DONE -> { }
    }
  }

  private static KinoraException noSuchUser() {
    return KinoraException.notFound("No account with this id.");
  }
}
