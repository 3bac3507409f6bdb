package io.kinora.social.channels;

import io.kinora.platform.auth.AccountDirectory;
import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.auth.Secrets;
import io.kinora.platform.cache.CoalescedLoads;
import io.kinora.platform.cache.LruCache;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.CursorRequest;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.RawBody;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.social.Catalogue;
import io.kinora.social.Profile;
import io.kinora.social.Profiles;
import io.kinora.social.VideoCards;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Channels, avatars, subscriptions and the feed: every account has a channel at
 * {@code /api/users/{username}} showing its public, ready videos (from the catalogue, rechecked
 * through {@link VideoCards}); people edit their own with {@code PATCH /api/me} and
 * {@code PUT /api/me/avatar}; they follow channels and read the newest videos of all they follow
 * in {@code GET /api/feed}, merged here from each channel's newest entries.
 */
public final class ChannelsApi implements Feature, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelsApi.class);
  /** Control characters other than line breaks and tabs, which a bio may have. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
  /** The URL names the version, so a browser may keep the picture as long as it likes. */
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final Vertx vertx;
  private final ObjectStorage storage;
  private final Catalogue catalogue;
  private final Profiles profiles;
  private final VideoCards cards;
  private final Subscriptions subscriptions;
  private final CatalogueResync resync;
  private final FeedReader feedReader;
  private final String ffmpeg;
  private final Path avatarWork;
  private final WorkerExecutor avatarWorkers;
  /** Avatars by object key, up to 8 MiB per node (~500 pictures of ~15 KiB). */
  private final LruCache<byte[]> pictures = new LruCache<>(8L * 1024 * 1024, b -> b.length, 0, System::currentTimeMillis);
  private final CoalescedLoads<byte[]> pictureLoads = new CoalescedLoads<>();

  /**
   * @param tempDir the node's temp directory (wiped at start); avatars are resized in its {@code avatars} folder
   * @param ffmpeg  the ffmpeg command to run (a path, or {@code ffmpeg} from PATH)
   */
  public ChannelsApi(Vertx vertx, RedisStore redis, ObjectStorage storage, Catalogue catalogue, Profiles profiles,
                     VideoCards cards, Path tempDir, String ffmpeg) {
    this.vertx = vertx;
    this.storage = storage;
    this.catalogue = catalogue;
    this.profiles = profiles;
    this.cards = cards;
    this.subscriptions = new Subscriptions(redis);
    this.resync = new CatalogueResync(vertx, redis);
    this.feedReader = new FeedReader(redis, catalogue);
    this.ffmpeg = ffmpeg;
    this.avatarWork = tempDir.resolve("avatars");
    // two pictures at a time per node: each is ~0.1 s of one core; more wait their turn
    this.avatarWorkers = vertx.createSharedWorkerExecutor("kinora-avatars", 2, 60, TimeUnit.SECONDS);
  }

  /** Stops the avatar workers (with the node). */
  @Override
  public void close() {
    avatarWorkers.close();
  }

  @Override
  public void mount(Router router) {
    router.get("/api/users/:username").handler(this::channel);
    router.get("/api/users/:username/videos").handler(this::videos);
    router.get("/api/users/:username/avatar").handler(this::avatar);
    router.put("/api/users/:username/subscription").handler(this::subscribe);
    router.delete("/api/users/:username/subscription").handler(this::unsubscribe);
    router.patch("/api/me").handler(this::updateProfile);
    router.put("/api/me/avatar").handler(this::uploadAvatar);
    router.delete("/api/me/avatar").handler(this::removeAvatar);
    router.get("/api/me/subscriptions").handler(this::mySubscriptions);
    router.get("/api/feed").handler(this::feed);
  }

  // ---- channels ----

  /** {@code GET /api/users/{username}}. */
  private void channel(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    channelOf(ctx.pathParam("username"))
        .compose(profile -> channelJson(profile, caller))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/users/{username}/videos?page=&pageSize=}: public, ready videos, newest first. */
  private void videos(RoutingContext ctx) {
    Caller caller = Callers.of(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.CHANNEL_VIDEOS);
    channelOf(ctx.pathParam("username"))
        .compose(profile -> catalogue.page(profile.userId(), page))
        .compose(ids -> cards.listed(caller, ids.ids())
            .map(videos -> Pages.envelope(VideoCards.toJson(videos), page, ids.total())))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code PATCH /api/me} {@code {displayName?, bio?}}: answers with the caller's channel. */
  private void updateProfile(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    JsonObject body = Bodies.object(ctx, Set.of("displayName", "bio"));
    String displayName = Bodies.string(body, "displayName", Profiles.MAX_DISPLAY_NAME, false);
    String bio = Bodies.string(body, "bio", Profiles.MAX_BIO, false);
    if (displayName != null) {
      displayName = displayName.strip();
      if (displayName.chars().anyMatch(Character::isISOControl)) {
        throw KinoraException.invalid("'displayName' must be one line without control characters.");
      }
    }
    if (bio != null) {
      bio = bio.strip();
      if (CONTROL.matcher(bio).find()) {
        throw KinoraException.invalid("'bio' must be plain text: line breaks are fine, other control characters are not.");
      }
    }
    boolean renamed = displayName != null;
    profiles.update(caller.userId(), displayName, bio)
        .compose(v -> profiles.byId(caller.userId()))
        .compose(profile -> {
          if (profile == null) {
            return Future.failedFuture(new KinoraException(ErrorCode.UNAUTHORIZED, "This account no longer exists."));
          }
          if (renamed) {
            resync.start(caller.userId());
          }
          return channelJson(profile, caller);
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private Future<Profile> channelOf(String username) {
    return profiles.byUsername(username).compose(profile -> profile == null
        ? Future.failedFuture(KinoraException.notFound("There is no channel by that name; check the address."))
        : Future.succeededFuture(profile));
  }

  /** {username, displayName, bio, avatarUrl, subscribers, videoCount, subscribed?} */
  private Future<JsonObject> channelJson(Profile profile, Caller caller) {
    Future<Long> subscribers = subscriptions.subscribers(profile.userId());
    Future<Long> videoCount = catalogue.count(profile.userId());
    Future<Boolean> subscribed = caller.signedIn()
        ? subscriptions.follows(caller.userId(), profile.userId()) : Future.succeededFuture(null);
    return Future.all(subscribers, videoCount, subscribed).map(done -> {
      JsonObject json = new JsonObject()
          .put("username", profile.username())
          .put("displayName", profile.displayName())
          .put("bio", profile.bio())
          .put("avatarUrl", profile.avatarUrl())
          .put("subscribers", subscribers.result())
          .put("videoCount", videoCount.result());
      if (subscribed.result() != null) {
        json.put("subscribed", subscribed.result());
      }
      return json;
    });
  }

  // ---- avatars ----

  /** {@code GET /api/users/{username}/avatar}: the current picture; 404 when there is none. */
  private void avatar(RoutingContext ctx) {
    String asked = ctx.request().getParam("v");
    channelOf(ctx.pathParam("username"))
        .compose(profile -> {
          if (profile.avatarVersion().isEmpty()) {
            return Future.failedFuture(KinoraException.notFound("This channel has no picture."));
          }
          return picture(ObjectKeys.avatar(profile.userId(), profile.avatarVersion()))
              .onSuccess(bytes -> ctx.response()
                  .putHeader("Content-Type", "image/jpeg")
                  // the versioned URL never changes; an unversioned one follows the next picture soon
                  .putHeader("Cache-Control", profile.avatarVersion().equals(asked) ? IMMUTABLE : "public, max-age=60")
                  .putHeader("ETag", "\"" + profile.avatarVersion() + "\"")
                  .end(Buffer.buffer(bytes)));
        })
        .onFailure(ctx::fail);
  }

  /**
   * A stored picture's bytes: a version is never rewritten, so a copy kept here is never stale,
   * and the pictures beside a page of comments cost storage one read each per node.
   */
  private Future<byte[]> picture(String key) {
    byte[] kept = pictures.get(key);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    return pictureLoads.get(key, () -> storage.readAsync(ObjectStorage.MEDIA, key, 0, -1).compose(slice -> slice == null
            ? Future.failedFuture(KinoraException.notFound("This channel has no picture."))
            : Future.succeededFuture(slice.bytes())),
        bytes -> pictures.put(key, bytes));
  }

  /**
   * {@code PUT /api/me/avatar}, the picture as the raw body ({@code Content-Type: image/*}, at
   * most 5 MiB): resized to a 256x256 JPEG, stored under a new version, the old one removed.
   * The body arrives paused ({@code ApiBodies} streams image bodies) and is gathered here,
   * refused as soon as it passes the limit.
   */
  private void uploadAvatar(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    HttpServerRequest request = ctx.request();
    if (!Bodies.isImage(request.getHeader("Content-Type"))) {
      throw KinoraException.invalid("Send the picture itself as the body, with its image Content-Type "
          + "(image/jpeg, image/png, image/gif or image/webp).");
    }
    RawBody.gather(ctx, AvatarImages.MAX_BYTES, tooLarge(), picture -> storeAvatar(ctx, caller, picture));
  }

  private void storeAvatar(RoutingContext ctx, Caller caller, byte[] picture) {
    if (picture.length == 0) {
      ctx.fail(KinoraException.invalid(AvatarImages.UNREADABLE));
      return;
    }
    String version = Long.toString(System.currentTimeMillis(), 36) + Secrets.random(4);
    String key = ObjectKeys.avatar(caller.userId(), version);
    profiles.byId(caller.userId())
        .compose(before -> {
          if (before == null) {
            return Future.failedFuture(new KinoraException(ErrorCode.UNAUTHORIZED, "This account no longer exists."));
          }
          return avatarWorkers.<Void>executeBlocking(() -> {
            Path jpeg = AvatarImages.resize(ffmpeg, avatarWork, "avatar-" + version, picture);
            try {
              storage.upload(ObjectStorage.MEDIA, key, jpeg, "image/jpeg");
            } finally {
              Files.deleteIfExists(jpeg);
            }
            return null;
          }, false)
              .compose(v -> profiles.setAvatar(caller.userId(), version))
              .compose(v -> {
                forget(caller.userId(), before.avatarVersion());
                return profiles.byId(caller.userId());
              });
        })
        .compose(profile -> channelJson(profile, caller))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/me/avatar}: back to the initial; 204 also when there was none. */
  private void removeAvatar(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    profiles.byId(caller.userId())
        .compose(before -> before == null ? Future.succeededFuture()
            : profiles.setAvatar(caller.userId(), "").onSuccess(v -> forget(caller.userId(), before.avatarVersion())))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** Removes an old picture in the background; a leftover costs a few kilobytes of storage, nothing else. */
  private void forget(String userId, String version) {
    if (version != null && !version.isEmpty()) {
      storage.removeAsync(ObjectStorage.MEDIA, ObjectKeys.avatar(userId, version))
          .onFailure(err -> LOG.warn("could not remove the old avatar {} of {}", version, userId, err));
    }
  }

  private static String tooLarge() {
    return "The picture is larger than 5 MiB; upload a smaller one (it is shown at 256x256 anyway).";
  }

  // ---- subscriptions ----

  /** {@code PUT /api/users/{username}/subscription}: 200 {subscribed: true, subscribers}; idempotent. */
  private void subscribe(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    accountOf(ctx.pathParam("username"))
        .compose(them -> {
          if (them.id().equals(caller.userId())) {
            return Future.failedFuture(KinoraException.invalid("You cannot subscribe to your own channel."));
          }
          return subscriptions.subscribe(caller.userId(), them.id());
        })
        .compose(count -> count < 0
            ? Future.failedFuture(KinoraException.conflict("You already follow " + Subscriptions.MAX_FOLLOWS
                + " channels, the most one account may; unsubscribe from one first."))
            : Future.succeededFuture(count))
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("subscribed", true).put("subscribers", count)))
        .onFailure(ctx::fail);
  }

  /** {@code DELETE /api/users/{username}/subscription}: 204; idempotent. */
  private void unsubscribe(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    accountOf(ctx.pathParam("username"))
        .compose(them -> subscriptions.unsubscribe(caller.userId(), them.id()))
        .onSuccess(count -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private Future<AccountDirectory.Account> accountOf(String username) {
    return profiles.accounts().byUsername(username).compose(account -> account == null
        ? Future.failedFuture(KinoraException.notFound("There is no channel by that name; check the address."))
        : Future.succeededFuture(account));
  }

  /** {@code GET /api/me/subscriptions?page=&pageSize=}: the channels I follow, the latest first. */
  private void mySubscriptions(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    PageRequest page = Paging.pages(ctx, PageLimits.SUBSCRIPTIONS);
    subscriptions.page(caller.userId(), page)
        .compose(ids -> profiles.byIds(ids.ids()).compose(found -> {
          List<Future<JsonObject>> channels = new ArrayList<>();
          // an account disabled since is left out
          found.stream().filter(p -> p != null).forEach(p -> channels.add(channelJson(p, caller)));
          return Future.all(channels).map(done -> {
            JsonArray items = new JsonArray();
            channels.forEach(c -> items.add(c.result()));
            return Pages.envelope(items, page, ids.total());
          });
        }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  // ---- the feed ----

  /**
   * {@code GET /api/feed?cursor=&limit=}: {items, nextCursor}, the public, ready videos of every
   * channel I follow, newest first, merged here from short pipelined reads ({@link FeedReader}):
   * O(channels + limit x limit) entries per page, bounded by the follow cap.
   */
  private void feed(RoutingContext ctx) {
    Caller caller = Callers.signedIn(ctx);
    CursorRequest request = Paging.cursor(ctx, PageLimits.FEED, FeedMerge.REFUSAL);
    subscriptions.all(caller.userId())
        .compose(channels -> feedReader.page(channels, request.after(), request.limit()))
        .compose(page -> cards.listed(caller, page.entries().stream().map(Catalogue.Entry::id).toList())
            .map(videos -> Pages.envelope(VideoCards.toJson(videos), page.next())))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }
}
