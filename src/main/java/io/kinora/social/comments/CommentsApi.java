package io.kinora.social.comments;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.cache.CoalescedLoads;
import io.kinora.platform.cache.LruCache;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.CursorRequest;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageCursor;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.social.Profile;
import io.kinora.social.Profiles;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Threaded comments under a video, one level deep as on YouTube: list (newest or oldest first, by
 * cursor), replies, add, edit (the author), delete (the author, the video's owner or an admin), and
 * the owner's switch. Every route first asks {@link VideoAccess} whether the caller may see the
 * comment's video, so a comment on a video they may not see is a 404 like an unknown one.
 */
public final class CommentsApi implements Feature {

  static final int MAX_TEXT = 5000;
  static final String REFUSAL = "'cursor' is not one this server gave out; ask for the first page without it.";
  private static final Set<String> ADD_FIELDS = Set.of("text", "parentId");
  private static final Set<String> EDIT_FIELDS = Set.of("text");
  private static final Set<String> SETTINGS_FIELDS = Set.of("enabled");

  private final VideoAccess access;
  private final Profiles profiles;
  private final CommentStore store;
  private final CommentNews news;
  /** Pages of top-level comments as last read, per video, order, size and cursor (see {@link #list}). */
  private final LruCache<JsonObject> pages = new LruCache<>(2048, page -> 1, PAGE_TTL_MILLIS, System::currentTimeMillis);
  private final CoalescedLoads<JsonObject> pageLoads = new CoalescedLoads<>();
  /** Bumped by every change made through this node, so its writer reads its own write at once. */
  private final LruCache<Long> generations = LruCache.ofEntries(4096);

  static final long PAGE_TTL_MILLIS = 1000;

  public CommentsApi(Vertx vertx, RedisStore redis, VideoAccess access, VideoChanges changes, Profiles profiles) {
    this.access = access;
    this.profiles = profiles;
    this.store = new CommentStore(redis);
    this.news = new CommentNews(vertx.eventBus(), changes);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/comments").handler(this::list);
    router.post("/api/videos/:id/comments").handler(this::add);
    router.put("/api/videos/:id/comments/settings").handler(this::settings);
    router.get("/api/comments/:cid/replies").handler(this::replies);
    router.patch("/api/comments/:cid").handler(this::edit);
    router.delete("/api/comments/:cid").handler(this::delete);
  }

  /**
   * {@code GET /api/videos/{id}/comments?sort=newest|oldest&cursor=&limit=}: top-level comments.
   * A page costs Redis a script plus a read per comment and two per author, so a crowd on one
   * watch page shares each page: reads that overlap share one load, and a page is kept for
   * {@link #PAGE_TTL_MILLIS} (open pages get new comments live over SSE meanwhile).
   */
  private void list(RoutingContext ctx) {
    boolean newest = newestFirst(ctx.request().getParam("sort"));
    CursorRequest request = Paging.cursor(ctx, PageLimits.COMMENTS, REFUSAL);
    access.visible(Callers.of(ctx), ctx.pathParam("id"))
        .compose(video -> {
          String key = video.id() + "|" + generation(video.id()) + "|" + newest + "|" + request.limit() + "|"
              + (request.after() == null ? "" : request.after().encode());
          JsonObject kept = pages.get(key);
          return kept != null ? Future.succeededFuture(kept) : pageLoads.get(key,
              () -> store.topLevel(video.id(), newest, request.after(), request.limit()).compose(this::pageJson),
              json -> pages.put(key, json));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/comments/{cid}/replies?cursor=&limit=}: a thread's replies, oldest first. */
  private void replies(RoutingContext ctx) {
    CursorRequest request = Paging.cursor(ctx, PageLimits.COMMENTS, REFUSAL);
    visibleComment(Callers.of(ctx), ctx.pathParam("cid"))
        .compose(seen -> store.replies(seen.comment().id(), request.after(), request.limit()))
        .compose(this::pageJson)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/videos/{id}/comments {text, parentId?}}: a reply to a reply joins the same thread. */
  private void add(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, ADD_FIELDS);
    String text = text(body);
    String parentId = Bodies.string(body, "parentId", 64, false);
    access.visible(caller, ctx.pathParam("id"))
        .compose(video -> threadOf(video, parentId)
            .compose(thread -> store.add(video.id(), thread, caller.userId(), text, System.currentTimeMillis())))
        .compose(comment -> profiles.byId(caller.userId()).map(author -> comment.toJson(author))
            .onSuccess(json -> {
              forgetPages(comment.videoId());
              news.added(comment.videoId(), json);
            }))
        .onSuccess(json -> Responses.json(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  /** {@code PATCH /api/comments/{cid} {text}}: only its author. */
  private void edit(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    String text = text(Bodies.object(ctx, EDIT_FIELDS));
    visibleComment(caller, ctx.pathParam("cid"))
        .compose(seen -> {
          if (seen.comment().deleted()) {
            throw noSuchComment();
          }
          if (!seen.comment().authorId().equals(caller.userId())) {
            throw notTheAuthor();
          }
          return store.edit(seen.comment(), caller.userId(), text, System.currentTimeMillis())
              .compose(v -> store.find(seen.comment().id()));
        })
        .compose(edited -> {
          if (edited == null) {
            throw noSuchComment();
          }
          return profiles.byId(caller.userId()).map(author -> edited.toJson(author))
              .onSuccess(json -> {
                forgetPages(edited.videoId());
                news.edited(edited.videoId(), json);
              });
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/comments/{cid}}: its author, the video's owner or an admin. */
  private void delete(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    visibleComment(caller, ctx.pathParam("cid"))
        .compose(seen -> {
          Comment comment = seen.comment();
          if (comment.deleted()) {
            throw noSuchComment();
          }
          if (!comment.authorId().equals(caller.userId()) && !caller.mayManage(seen.video().ownerId())) {
            throw new KinoraException(ErrorCode.FORBIDDEN,
                "Only the comment's author, the video's owner or an administrator may delete it.");
          }
          return store.delete(comment).onSuccess(done -> announceDeleted(comment, done));
        })
        .onSuccess(done -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** {@code PUT /api/videos/{id}/comments/settings {enabled}}: the owner (or an admin) switches comments on or off. */
  private void settings(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    Boolean enabled = Bodies.optionalBoolean(Bodies.object(ctx, SETTINGS_FIELDS), "enabled");
    if (enabled == null) {
      throw KinoraException.invalid("'enabled' is required: true to accept comments, false to turn them off.");
    }
    access.manageable(caller, ctx.pathParam("id"))
        .compose(video -> store.setEnabled(video.id(), enabled).map(found -> {
          if (!found) {
            throw noSuchVideo();
          }
          news.videoChanged(video.id());
          return new JsonObject().put("enabled", enabled);
        }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** A comment and its video, when the caller may see that video; NOT_FOUND otherwise. */
  private record Seen(Comment comment, Video video) {
  }

  private Future<Seen> visibleComment(Caller caller, String commentId) {
    if (!CommentIds.isValid(commentId)) {
      return Future.failedFuture(noSuchComment());
    }
    return store.find(commentId).compose(comment -> {
      if (comment == null) {
        throw noSuchComment();
      }
      return access.visible(caller, comment.videoId())
          .recover(err -> Future.failedFuture(err instanceof KinoraException k && k.code() == ErrorCode.NOT_FOUND
              ? noSuchComment() : err))
          .map(video -> new Seen(comment, video));
    });
  }

  /** The thread a new comment joins: none for a top-level one, else its parent's (one level deep). */
  private Future<String> threadOf(Video video, String parentId) {
    if (parentId == null) {
      return Future.succeededFuture(null);
    }
    if (!CommentIds.isValid(parentId)) {
      return Future.failedFuture(noSuchComment());
    }
    return store.find(parentId).map(parent -> {
      if (parent == null || parent.deleted() || !parent.videoId().equals(video.id())) {
        throw noSuchComment();
      }
      return parent.threadId();
    });
  }

  private void announceDeleted(Comment comment, CommentStore.Deleted done) {
    String parentId = comment.topLevel() ? null : comment.parentId();
    forgetPages(comment.videoId());
    news.deleted(comment.videoId(), comment.id(), parentId, done.placeholder());
    if (done.threadRemoved() != null) {
      news.deleted(comment.videoId(), done.threadRemoved(), null, false);
    }
    news.videoChanged(comment.videoId());
  }

  /** {items, nextCursor}: the comments still there, each with its author's profile. */
  private Future<JsonObject> pageJson(CommentStore.Page page) {
    return store.findAll(page.ids()).compose(found -> {
      List<Comment> comments = found.stream().filter(Objects::nonNull).toList();
      List<String> authorIds = comments.stream().filter(c -> !c.deleted()).map(Comment::authorId).distinct().toList();
      return profiles.byIds(authorIds).map(authors -> {
        Map<String, Profile> byId = new HashMap<>();
        for (int i = 0; i < authorIds.size(); i++) {
          byId.put(authorIds.get(i), authors.get(i));
        }
        JsonArray items = new JsonArray();
        comments.forEach(c -> items.add(c.toJson(byId.get(c.authorId()))));
        PageCursor next = page.more() && !page.ids().isEmpty()
            ? new PageCursor(page.millis().get(page.ids().size() - 1), page.ids().get(page.ids().size() - 1))
            : null;
        return Pages.envelope(items, next);
      });
    });
  }

  private static boolean newestFirst(String sort) {
    if (sort == null || sort.isEmpty() || sort.equals("newest")) {
      return true;
    }
    if (sort.equals("oldest")) {
      return false;
    }
    throw KinoraException.invalid("'sort' is newest or oldest.");
  }

  /** The comment's text, without surrounding blanks: 1 to {@value #MAX_TEXT} characters. */
  private static String text(JsonObject body) {
    String text = Bodies.string(body, "text", MAX_TEXT, true).strip();
    if (text.isEmpty()) {
      throw KinoraException.invalid("'text' must not be empty.");
    }
    return text;
  }

  static KinoraException noSuchComment() {
    return KinoraException.notFound("No comment with this id.");
  }

  static KinoraException noSuchVideo() {
    return VideoAccess.notFound();
  }

  static KinoraException notTheAuthor() {
    return new KinoraException(ErrorCode.FORBIDDEN, "Only the comment's author may edit it.");
  }

  static KinoraException commentsOff() {
    return new KinoraException(ErrorCode.FORBIDDEN, "The video's owner has turned comments off for this video.");
  }

  private long generation(String videoId) {
    Long generation = generations.get(videoId);
    return generation == null ? 0 : generation;
  }

  /** This node's kept pages of the video are stale (other nodes' expire within a second). */
  private void forgetPages(String videoId) {
    generations.put(videoId, generation(videoId) + 1);
  }

}
