package io.kinora.events;

import io.kinora.platform.auth.Caller;
import io.kinora.platform.auth.Callers;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.InFlightLimit;
import io.kinora.platform.metrics.KinoraMetrics;
import io.kinora.video.StatusEvent;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /api/videos/{id}/events}: one SSE stream per request. Streams of one video on one
 * event loop share a {@link Room}, which listens once and encodes each event once, however many
 * watch. A stream joins its room before it reads the current state, so a change that lands in
 * between is never lost, and it drops anything with a sequence number it already sent, so
 * nothing is sent twice or out of order.
 * <p>
 * By default a stream ends after {@code ready} or {@code failed}. With {@code ?comments=1} (the
 * watch page) it stays open after that, heartbeats go on, and it also carries {@code event: comment}
 * frames, which have no {@code id:} line: Last-Event-ID keeps naming the last status event.
 */
public final class EventsApi implements Feature {

  private final Vertx vertx;
  private final VideoAccess access;
  private final long heartbeatMillis;
  private final KinoraMetrics metrics;
  private final Map<Room.Key, Room> rooms = new ConcurrentHashMap<>();

  public EventsApi(Vertx vertx, VideoAccess access, int heartbeatSeconds, KinoraMetrics metrics) {
    this.vertx = vertx;
    this.access = access;
    this.metrics = metrics;
    this.heartbeatMillis = heartbeatSeconds * 1000L;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/videos/:id/events").handler(this::open);
  }

  private void open(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    long lastEventId = parseLastEventId(ctx.request().getHeader("Last-Event-ID"));
    new Stream(ctx, id, lastEventId, wantsComments(ctx.request().getParam("comments"))).open();
  }

  private static boolean wantsComments(String param) {
    return "1".equals(param) || "true".equals(param);
  }

  private static long parseLastEventId(String header) {
    if (header == null || !header.trim().matches("\\d{1,18}")) {
      return 0;
    }
    return Long.parseLong(header.trim());
  }

  /**
   * The room of this video on the calling event loop, made (and listening) if there is none.
   * Keyed by the loop's thread: each request runs on a context of its own, but the streams and
   * the room only need to share a thread to need no locks.
   */
  private Room roomOf(String videoId) {
    return rooms.computeIfAbsent(new Room.Key(videoId, Thread.currentThread()),
        key -> new Room(vertx, key, rooms::remove));
  }

  /** One viewer's stream; lives on its request's event loop, like its room. */
  final class Stream {
    private final RoutingContext ctx;
    private final Caller caller;
    private final HttpServerResponse response;
    private final String id;
    private final Room room;
    /** Asked for comments: stays open after the video is ready or failed. */
    private final boolean comments;
    private long lastSent;
    private boolean initialised;
    private boolean closed;
    /** Counted among the node's open streams (from the moment it starts streaming). */
    private boolean counted;
    private final List<StatusEvent> early = new ArrayList<>();
    private final List<Buffer> earlyComments = new ArrayList<>();
    private long heartbeatTimer = -1;

    Stream(RoutingContext ctx, String id, long lastEventId, boolean comments) {
      this.ctx = ctx;
      this.caller = Callers.of(ctx);
      this.response = ctx.response();
      this.id = id;
      this.lastSent = lastEventId;
      this.comments = comments;
      this.room = roomOf(id);
    }

    void open() {
      room.join(this)
          .compose(joined -> access.visible(caller, id))
          .onSuccess(this::start)
          .onFailure(err -> {
            close();
            ctx.fail(err);
          });
    }

    private void start(Video video) {
      response.setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-cache, no-transform")
          .putHeader("X-Accel-Buffering", "no")
          .putHeader("Connection", "keep-alive");
      response.closeHandler(v -> close());
      InFlightLimit.streaming(ctx);
      metrics.sseOpened();
      counted = true;
      response.write("retry: 2000\n\n");
      heartbeatTimer = vertx.setPeriodic(heartbeatMillis, t -> heartbeat());
      initialised = true;
      send(StatusEvent.of(video), null);
      early.stream().sorted(Comparator.comparingLong(StatusEvent::seq)).forEach(event -> send(event, null));
      early.clear();
      earlyComments.forEach(this::write);
      earlyComments.clear();
      if (video.status().terminal() && !comments && !closed) {
        // the client already saw the end (Last-Event-ID): nothing more will ever come
        response.end();
        close();
      }
    }

    /** From the room: an event, and its frame already encoded (shared by every stream in the room). */
    void onEvent(StatusEvent event, Buffer frame) {
      if (!initialised) {
        early.add(event);
      } else {
        send(event, frame);
      }
    }

    /** From the room: a comment frame, already encoded; only streams that asked for comments take it. */
    void onComment(Buffer frame) {
      if (!comments) {
        return;
      }
      if (!initialised) {
        earlyComments.add(frame);
      } else {
        write(frame);
      }
    }

    private void write(Buffer frame) {
      if (!closed) {
        response.write(frame);
      }
    }

    /** Whether this event is the last one this stream sends. */
    private boolean endsWith(StatusEvent event) {
      return event.status().terminal() && !comments;
    }

    private void send(StatusEvent event, Buffer frame) {
      if (closed || event.seq() <= lastSent) {
        return;
      }
      lastSent = event.seq();
      Buffer bytes = frame != null ? frame : Room.frame(event);
      if (endsWith(event)) {
        response.end(bytes); // one write and flush with the end of the stream, not two
        close();
      } else {
        response.write(bytes);
      }
    }

    /**
     * Keeps proxies from timing out, and catches up from Redis: an event lost with a crashed node
     * or a deleted video would otherwise leave the stream waiting forever. Asks {@link VideoAccess}
     * again, so a video made private (or deleted) stops streaming to those who may no longer see it.
     */
    private void heartbeat() {
      if (closed) {
        return;
      }
      response.write(": heartbeat\n\n");
      access.visible(caller, id).onComplete(ar -> {
        if (closed) {
          return;
        }
        if (ar.succeeded() && ar.result().seq() > lastSent) {
          send(StatusEvent.of(ar.result()), null);
        } else if (ar.failed() && ar.cause() instanceof KinoraException gone && gone.code() == ErrorCode.NOT_FOUND) {
          response.write("event: deleted\ndata: {\"error\":\"This video was deleted.\"}\n\n");
          response.end();
          close();
        }
      });
    }

    private void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (counted) {
        metrics.sseClosed();
      }
      if (heartbeatTimer >= 0) {
        vertx.cancelTimer(heartbeatTimer);
      }
      room.leave(this);
    }
  }
}
