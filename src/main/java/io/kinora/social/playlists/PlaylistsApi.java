package io.kinora.social.playlists;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.social.Profile;
import io.kinora.social.Profiles;
import io.kinora.social.VideoCards;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Playlists: ordered lists of videos that a signed-in person makes, shares and plays in order.
 *
 * <p><b>Who sees a playlist</b> follows the rules for videos: a {@code private} playlist is for its
 * owner and admins, and answers everyone else exactly like an unknown id (404); {@code unlisted}
 * and {@code public} ones are for anyone holding the id; only public ones are listed on their
 * owner's channel ({@code GET /api/users/{username}/playlists}) for others. Changing one (title,
 * order, items, deleting it) is for its owner and admins; others get 404 when they may not see
 * it and 403 when they may.
 *
 * <p><b>Which items a caller sees.</b> An item is shown only when {@link VideoAccess#visible} lets
 * the caller see the video (so a deleted video, or a private video of someone else, never shows),
 * <em>and</em> one of these holds:
 * <ol>
 *   <li>the video is public and ready (what anyone may find anyway), or</li>
 *   <li>the caller may manage the playlist (its owner, or an admin): they put it there.</li>
 * </ol>
 * So a stranger reading a public playlist sees only its public, ready videos: an unlisted video,
 * even the playlist owner's own, is never revealed to people who were not given its link, and a
 * private video never to anyone but its owner and admins (an admin may manage every playlist and
 * see every video). To those who may manage the playlist, an entry they cannot see (deleted, or
 * made private by someone else since it was added) is shown as {@code {"id", "unavailable": true}}
 * so they can remove it or keep it in the order they send; it is only ever the id they (or an
 * admin) put there.
 *
 * <p><b>Counting and paging.</b> For those who may manage the playlist, pages are taken over every
 * entry and {@code videoCount} is their number ({@code ZCARD}). For everyone else, pages and
 * {@code videoCount} are taken over the entries that are in the public catalogue (public and
 * ready): {@code kinora:playlist:{pid}:listed}, the items meeting {@code kinora:catalogue}, computed
 * in Redis from the items (at most {@link #MAX_ITEMS} lookups) and kept a few seconds, forgotten at
 * once when the playlist changes; so no count tells a stranger that hidden videos are there, and
 * a page read is O(page) while it is kept. Every id on a page is still checked through
 * {@link VideoAccess} before it is shown, so a video made private a moment ago never shows (the
 * count may lag by those seconds).
 *
 * <p>Videos may be added only when the adder can see them (404 otherwise, like an unknown id);
 * adding is idempotent. A playlist holds at most {@link #MAX_ITEMS} videos, so that a complete
 * reorder ({@code PATCH {videoIds}}) fits in one request body; an owner has at most
 * {@link #MAX_PER_OWNER} playlists.
 */
public final class PlaylistsApi implements Feature {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 5000;
  /** 2,000 ids of 22 characters, quoted and separated, are about 50 KB: under the 64 KiB {@link io.kinora.platform.http.BodyLimits#API_JSON}. */
  static final int MAX_ITEMS = 2000;
  static final int MAX_PER_OWNER = 1000;
  private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "visibility");
  private static final Set<String> PATCH_FIELDS = Set.of("title", "description", "visibility", "videoIds");
  private static final Set<String> ADD_FIELDS = Set.of("videoId");
  private static final String NOT_FOUND = "No playlist with this id.";

  private final PlaylistStore store;
  private final VideoAccess access;
  private final Profiles profiles;
  private final VideoCards cards;

  public PlaylistsApi(RedisStore redis, VideoAccess access, Profiles profiles, VideoCards cards) {
    this.store = new PlaylistStore(redis);
    this.access = access;
    this.profiles = profiles;
    this.cards = cards;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/playlists").handler(this::create);
    router.route("/api/playlists/:pid").handler(PlaylistsApi::requireValidId);
    router.route("/api/playlists/:pid/*").handler(PlaylistsApi::requireValidId);
    router.get("/api/playlists/:pid").handler(this::get);
    router.patch("/api/playlists/:pid").handler(this::patch);
    router.delete("/api/playlists/:pid").handler(this::delete);
    router.post("/api/playlists/:pid/videos").handler(this::addVideo);
    router.delete("/api/playlists/:pid/videos/:videoId").handler(this::removeVideo);
    router.get("/api/users/:username/playlists").handler(this::ofUser);
    router.get("/api/me/playlists").handler(this::mine);
  }

  private static void requireValidId(RoutingContext ctx) {
    if (!VideoIds.isValid(ctx.pathParam("pid"))) {
      ctx.fail(KinoraException.invalid("Malformed playlist id: it is 22 characters of A-Z, a-z, 0-9, '-' and '_'."));
    } else {
      ctx.next();
    }
  }

  private static String videoId(String value, String field) {
    if (!VideoIds.isValid(value)) {
      throw KinoraException.invalid("'" + field + "' must be a video id: 22 characters of A-Z, a-z, 0-9, '-' and '_'.");
    }
    return value;
  }

  private static String title(JsonObject body, boolean required) {
    String title = Bodies.string(body, "title", MAX_TITLE, required);
    if (title != null && title.isBlank()) {
      throw KinoraException.invalid("'title' must not be empty.");
    }
    return title == null ? null : title.trim();
  }

  private void create(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, CREATE_FIELDS);
    String title = title(body, true);
    String description = Bodies.string(body, "description", MAX_DESCRIPTION, false);
    Visibility visibility = Visibility.parse(Bodies.string(body, "visibility", 16, false));
    String id = VideoIds.newId();
    store.create(id, caller.userId(), title, description == null ? "" : description,
            visibility == null ? Visibility.PRIVATE : visibility, MAX_PER_OWNER)
        .compose(made -> {
          if (!made) {
            throw KinoraException.conflict("You already have " + MAX_PER_OWNER
                + " playlists, the most one person may have. Delete one you no longer need first.");
          }
          return withOwner(store.find(id));
        })
        .onSuccess(json -> Responses.json(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  /** The playlist with a page of the items the caller may see ({@code page}, {@code pageSize}). */
  private void get(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.PLAYLIST_ITEMS);
    visible(caller, ctx.pathParam("pid")).compose(playlist -> profiles.byId(playlist.ownerId()).compose(owner -> {
          if (owner == null && !caller.admin()) {
            throw notFound(); // a disabled or deleted account's playlists go with its channel
          }
          Future<Page> items = caller.mayManage(playlist.ownerId()) ? managedPage(caller, playlist, page)
              : listedPage(caller, playlist, page);
          return items.map(shown -> playlist.withCount(shown.count()).toJson(owner)
              .put("mayEdit", caller.mayManage(playlist.ownerId()))
              .mergeIn(Pages.envelope(shown.items(), page)));
        }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** What a page shows and the count that goes with it. */
  private record Page(JsonArray items, long count) {
  }

  /** For its owner and admins: every entry on the page, placeholders for those they cannot see. */
  private Future<Page> managedPage(Caller caller, Playlist playlist, PageRequest page) {
    return store.itemIds(playlist.id(), page.offset(), page.size()).compose(ids -> cards.load(caller, ids, video -> true)
        .map(videos -> {
          JsonArray items = new JsonArray();
          int next = 0;
          for (String id : ids) {
            Video video = next < videos.size() && videos.get(next).id().equals(id) ? videos.get(next++) : null;
            items.add(video != null ? video.toJson() : new JsonObject().put("id", id).put("unavailable", true));
          }
          return new Page(items, playlist.videoCount());
        }));
  }

  /** For everyone else: the public, ready entries on the page, each rechecked. */
  private Future<Page> listedPage(Caller caller, Playlist playlist, PageRequest page) {
    return store.listedIds(playlist.id(), page.offset(), page.size()).compose(ids -> cards.listed(caller, ids.ids())
        .map(videos -> new Page(VideoCards.toJson(videos), ids.total())));
  }

  private void patch(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx, PATCH_FIELDS);
    String title = title(body, false);
    String description = Bodies.string(body, "description", MAX_DESCRIPTION, false);
    Visibility visibility = Visibility.parse(Bodies.string(body, "visibility", 16, false));
    List<String> order = order(body);
    if (title == null && description == null && visibility == null && order == null) {
      throw KinoraException.invalid("Send 'title', 'description', 'visibility' and/or 'videoIds'.");
    }
    manageable(Callers.of(ctx), ctx.pathParam("pid"))
        .compose(playlist -> store.update(playlist, title, description, visibility, order).compose(done -> {
          if (done == -1) {
            throw notFound();
          }
          if (done == -3) {
            throw KinoraException.invalid("'videoIds' must list every video in the playlist exactly once, in the new"
                + " order (it holds " + playlist.videoCount() + " now). Reload the playlist and try again.");
          }
          return withOwner(store.find(playlist.id()));
        }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static List<String> order(JsonObject body) {
    Object value = body.getValue("videoIds");
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw KinoraException.invalid("'videoIds' must be an array of video ids.");
    }
    if (array.size() > MAX_ITEMS) {
      throw KinoraException.invalid("'videoIds' may hold at most " + MAX_ITEMS + " ids, as many as a playlist.");
    }
    List<String> ids = new ArrayList<>(array.size());
    for (Object id : array) {
      ids.add(videoId(id instanceof String s ? s : null, "videoIds"));
    }
    return ids;
  }

  private void delete(RoutingContext ctx) {
    manageable(Callers.of(ctx), ctx.pathParam("pid"))
        .compose(store::delete)
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** Appends a video the caller can see; adding one already there changes nothing. */
  private void addVideo(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    JsonObject body = Bodies.object(ctx, ADD_FIELDS);
    String videoId = videoId(Bodies.string(body, "videoId", 22, true), "videoId");
    manageable(caller, ctx.pathParam("pid"))
        .compose(playlist -> access.visible(caller, videoId)
            .compose(video -> store.add(playlist.id(), video.id(), MAX_ITEMS))
            .compose(added -> {
              if (added == -1) {
                throw notFound();
              }
              if (added == -2) {
                throw KinoraException.conflict("This playlist is full: a playlist holds at most " + MAX_ITEMS
                    + " videos. Remove some, or start another playlist.");
              }
              return withOwner(store.find(playlist.id()));
            }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void removeVideo(RoutingContext ctx) {
    String videoId = videoId(ctx.pathParam("videoId"), "videoId");
    manageable(Callers.of(ctx), ctx.pathParam("pid"))
        .compose(playlist -> store.remove(playlist.id(), videoId))
        .onSuccess(removed -> {
          if (removed == -1) {
            ctx.fail(notFound());
          } else {
            Responses.noContent(ctx);
          }
        })
        .onFailure(ctx::fail);
  }

  /** A person's playlists: the public ones for others, every one for them and for admins. */
  private void ofUser(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.PLAYLISTS);
    profiles.byUsername(ctx.pathParam("username")).compose(owner -> {
          if (owner == null) {
            throw KinoraException.notFound("No user with this name.");
          }
          boolean all = caller.mayManage(owner.userId());
          return store.ofOwner(owner.userId(), !all, page).compose(ids -> store.findAll(ids.ids())
              .compose(found -> {
                List<Playlist> playlists = found.stream().filter(p -> all || p.visibility() == Visibility.PUBLIC).toList();
                // others are told how many videos they may see in each, not how many there are
                List<Future<Playlist>> counted = playlists.stream().map(p -> all ? Future.succeededFuture(p)
                    : store.listedCount(p.id()).map(p::withCount)).toList();
                return Future.all(counted).map(done -> {
                  JsonArray items = new JsonArray();
                  counted.forEach(p -> items.add(p.result().toJson(owner)));
                  return Pages.envelope(items, page, ids.total());
                });
              }));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** Mine, every visibility, newest first; with {@code ?videoId=}, whether each holds that video. */
  private void mine(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.PLAYLISTS);
    String raw = ctx.request().getParam("videoId");
    String videoId = raw == null || raw.isEmpty() ? null : videoId(raw, "videoId");
    Future.all(profiles.byId(caller.userId()), store.ofOwner(caller.userId(), false, page))
        .compose(both -> {
          Profile me = both.resultAt(0);
          PlaylistStore.IdPage ids = both.resultAt(1);
          return store.findAll(ids.ids()).compose(playlists -> {
            List<String> pids = playlists.stream().map(Playlist::id).toList();
            Future<List<Boolean>> holds = videoId == null ? Future.succeededFuture(null) : store.contains(pids, videoId);
            return holds.map(contains -> {
              JsonArray items = new JsonArray();
              for (int i = 0; i < playlists.size(); i++) {
                JsonObject json = playlists.get(i).toJson(me);
                if (contains != null) {
                  json.put("contains", contains.get(i));
                }
                items.add(json);
              }
              return Pages.envelope(items, page, ids.total());
            });
          });
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** The playlist if the caller may see it, else NOT_FOUND exactly as for an unknown id. */
  private Future<Playlist> visible(Caller caller, String pid) {
    return store.find(pid).map(playlist -> {
      if (playlist == null || !playlist.visibleTo(caller)) {
        throw notFound();
      }
      return playlist;
    });
  }

  /** The playlist if the caller may change it: NOT_FOUND when they may not see it, else FORBIDDEN. */
  private Future<Playlist> manageable(Caller caller, String pid) {
    return visible(caller, pid).map(playlist -> {
      if (!caller.mayManage(playlist.ownerId())) {
        throw new KinoraException(ErrorCode.FORBIDDEN, "Only the playlist's owner or an administrator may change it.");
      }
      return playlist;
    });
  }

  private Future<JsonObject> withOwner(Future<Playlist> found) {
    return found.compose(playlist -> {
      if (playlist == null) {
        throw notFound();
      }
      return profiles.byId(playlist.ownerId()).map(playlist::toJson);
    });
  }

  private static KinoraException notFound() {
    return KinoraException.notFound(NOT_FOUND);
  }
}
