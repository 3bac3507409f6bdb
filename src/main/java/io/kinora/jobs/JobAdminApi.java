package io.kinora.jobs;

import io.kinora.platform.auth.Callers;
import io.kinora.platform.bus.Addresses;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Bodies;
import io.kinora.platform.http.Feature;
import io.kinora.platform.http.PageLimits;
import io.kinora.platform.http.PageRequest;
import io.kinora.platform.http.Pages;
import io.kinora.platform.http.Paging;
import io.kinora.platform.http.Responses;
import io.kinora.platform.redis.RedisStore;
import io.kinora.video.StatusEvent;
import io.kinora.video.StatusPublisher;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoIds;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What administrators see of the work: jobs queued, running and failed (with the sentence the
 * uploader saw, the node and the attempts), failed jobs run again, the nodes with their running
 * jobs, and jobs ended per minute.
 */
public final class JobAdminApi implements Feature {

  private final JobQueue queue;
  private final VideoRepository videos;
  private final StatusPublisher publisher;
  private final EventBus bus;
  private final NodeDirectory nodes;
  private final JobStats stats;

  public JobAdminApi(JobQueue queue, VideoRepository videos, StatusPublisher publisher, RedisStore redis, EventBus bus) {
    this.queue = queue;
    this.videos = videos;
    this.publisher = publisher;
    this.bus = bus;
    this.nodes = new NodeDirectory(redis);
    this.stats = new JobStats(redis);
  }

  @Override
  public void mount(Router router) {
    router.get("/api/admin/jobs").handler(this::jobs);
    router.post("/api/admin/jobs/:videoId/retry").handler(this::retry);
    router.get("/api/admin/cluster").handler(this::cluster);
    router.get("/api/admin/stats").handler(this::stats);
  }

  /** {@code GET /api/admin/stats?minutes=60}: jobs ready and failed per minute, and the median time to ready. */
  private void stats(RoutingContext ctx) {
    Callers.admin(ctx);
    int minutes = Bodies.intParam(ctx, "minutes", 1, JobStats.MAX_MINUTES, 60);
    stats.lastMinutes(minutes)
        .onSuccess(series -> Responses.json(ctx, 200, new JsonObject().put("minutes", series)))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/admin/jobs?state=queued|running|failed&page=&pageSize=}. */
  private void jobs(RoutingContext ctx) {
    Callers.admin(ctx);
    String state = ctx.request().getParam("state");
    PageRequest page = Paging.pages(ctx, PageLimits.JOBS);
    Future<JsonObject> answer = switch (state == null ? "" : state) {
      case "queued" -> queue.queued().compose(ids -> page(ids, page, Map.of()));
      case "running" -> queue.running().compose(running ->
          page(new ArrayList<>(running.keySet()), page, running));
      case "failed" -> queue.failed(page).compose(failed -> describe(failed.ids(), Map.of(), true)
          .map(items -> Pages.envelope(items, page, failed.total())));
      default -> throw KinoraException.invalid("'state' must be queued, running or failed.");
    };
    answer.onSuccess(body -> Responses.json(ctx, 200, body.put("state", state)))
        .onFailure(ctx::fail);
  }

  /** One page of {@code ids} (all known, in order), described. */
  private Future<JsonObject> page(List<String> ids, PageRequest page, Map<String, String> workers) {
    return describe(page.slice(ids), workers, false).map(items -> Pages.envelope(items, page, ids.size()));
  }

  /**
   * Each job as an administrator sees it; a video deleted meanwhile is left out (and, when it was
   * a failed job, forgotten). {@code workers}: who runs each job now, else the last run's worker.
   */
  private Future<JsonArray> describe(List<String> ids, Map<String, String> workers, boolean failedList) {
    List<Future<JsonObject>> jobs = new ArrayList<>();
    for (String id : ids) {
      Future<String> worker = workers.containsKey(id) ? Future.succeededFuture(workers.get(id)) : queue.lastWorker(id);
      Future<String> log = failedList ? queue.failureLog(id) : Future.succeededFuture("");
      jobs.add(Future.all(videos.find(id), worker, log).compose(all -> {
        Video video = all.resultAt(0);
        if (video == null) {
          return (failedList ? queue.forgetFailed(id) : Future.<Void>succeededFuture()).map(v -> (JsonObject) null);
        }
        JsonObject job = job(video, all.resultAt(1));
        if (failedList) {
          job.put("log", all.<String>resultAt(2));
        }
        return Future.succeededFuture(job);
      }));
    }
    return Future.all(jobs).map(all -> {
      JsonArray items = new JsonArray();
      jobs.forEach(job -> {
        if (job.result() != null) {
          items.add(job.result());
        }
      });
      return items;
    });
  }

  private static JsonObject job(Video video, String worker) {
    return new JsonObject()
        .put("videoId", video.id())
        .put("title", video.title())
        .put("owner", video.ownerId().isEmpty() ? null
            : new JsonObject().put("id", video.ownerId()).put("username", video.ownerName()))
        .put("status", video.status().wire())
        .put("progress", video.progress())
        .put("attempts", video.attempts())
        .put("node", nodeOf(worker))
        .put("error", video.error())
        .put("updatedAt", video.updatedAt())
        .put("createdAt", video.createdAt());
  }

  /** Workers are named {@code nodeId/uuid}. */
  private static String nodeOf(String worker) {
    if (worker == null || worker.isEmpty()) {
      return null;
    }
    int slash = worker.indexOf('/');
    return slash > 0 ? worker.substring(0, slash) : worker;
  }

  /** {@code POST /api/admin/jobs/{videoId}/retry}: a failed video queued again, attempts from zero. */
  private void retry(RoutingContext ctx) {
    Callers.admin(ctx);
    String id = ctx.pathParam("videoId");
    if (!VideoIds.isValid(id)) {
      throw VideoAccess.notFound();
    }
    queue.retryFailed(id)
        .compose(seq -> {
          if (seq > 0) {
            publisher.announce(new StatusEvent(id, VideoStatus.QUEUED, 0, null, seq, false));
            bus.publish(Addresses.JOBS_AVAILABLE, new JsonObject().put("id", id));
          }
          return videos.find(id).map(video -> {
            if (video == null) {
              throw VideoAccess.notFound();
            }
            if (seq == 0) {
              throw KinoraException.conflict("Only a failed video can be run again; this one is "
                  + video.status().wire() + ".");
            }
            return video;
          });
        })
        .onSuccess(video -> Responses.json(ctx, 202, video.toJson()))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/admin/cluster}: every node with its slots and running jobs, and the queue's depth. */
  private void cluster(RoutingContext ctx) {
    Callers.admin(ctx);
    Future<List<NodeDirectory.Node>> known = nodes.list();
    Future<Map<String, String>> running = queue.running();
    Future<Long> depth = queue.depth();
    Future.all(known, running, depth)
        .compose(all -> describe(new ArrayList<>(running.result().keySet()), running.result(), false))
        .map(jobs -> {
          JsonArray list = new JsonArray();
          for (NodeDirectory.Node node : known.result()) {
            JsonArray onNode = new JsonArray();
            jobs.forEach(j -> {
              JsonObject job = (JsonObject) j;
              if (node.id().equals(job.getString("node"))) {
                onNode.add(new JsonObject().put("videoId", job.getString("videoId")).put("title", job.getString("title"))
                    .put("progress", job.getInteger("progress")));
              }
            });
            list.add(node.toJson().put("running", onNode));
          }
          return new JsonObject().put("queueDepth", depth.result()).put("nodes", list);
        })
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }
}
