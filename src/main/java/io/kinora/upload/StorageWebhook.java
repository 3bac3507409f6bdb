package io.kinora.upload;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.kinora.platform.http.Responses;
import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.video.VideoIds;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /hooks/storage}: MinIO bucket notifications. Object keys arrive URL-encoded; an
 * {@code s3:ObjectCreated:*} event for {@code uploads/{id}/original} counts as that video's
 * completion (the same idempotent path as the client's complete call).
 */
final class StorageWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(StorageWebhook.class);

  private final String token;
  private final Completions completions;

  StorageWebhook(String token, Completions completions) {
    this.token = token;
    this.completions = completions;
  }

  void handle(RoutingContext ctx) {
    authorize(ctx.request().getHeader("Authorization"));
    JsonObject event;
    try {
      event = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw KinoraException.invalid("The body must be a MinIO event (JSON object).");
    }
    if (event == null) {
      throw KinoraException.invalid("The body must be a MinIO event (JSON object).");
    }
    List<Future<?>> completions = new ArrayList<>();
    for (String id : uploadedVideoIds(event)) {
      completions.add(this.completions.notifyCompleted(id).recover(err -> {
        // an unknown or already-finished video is not MinIO's problem: do not make it retry
        if (err instanceof KinoraException refused && refused.code() != ErrorCode.UNAVAILABLE) {
          LOG.info("storage event for {} ignored: {}", id, refused.getMessage());
          return Future.succeededFuture();
        }
        return Future.failedFuture(err);
      }));
    }
    Future.all(completions)
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void authorize(String header) {
    if (token.isBlank()) {
      throw new KinoraException(ErrorCode.UNAUTHORIZED, "The storage webhook is disabled: set KINORA_WEBHOOK_TOKEN on the nodes "
          + "and the same bearer token in MinIO's notify_webhook settings.");
    }
    if (!Secrets.bearer(header, token)) {
      throw new KinoraException(ErrorCode.UNAUTHORIZED, "Missing or wrong bearer token.");
    }
  }

  static List<String> uploadedVideoIds(JsonObject event) {
    List<String> ids = new ArrayList<>();
    Object records = event.getValue("Records");
    if (!(records instanceof JsonArray array)) {
      throw KinoraException.invalid("A MinIO event has a 'Records' array.");
    }
    for (Object item : array) {
      if (!(item instanceof JsonObject record)) {
        continue;
      }
      String name = record.getString("eventName", "");
      JsonObject s3 = record.getJsonObject("s3", new JsonObject());
      String bucket = s3.getJsonObject("bucket", new JsonObject()).getString("name", "");
      String key = s3.getJsonObject("object", new JsonObject()).getString("key", "");
      if (!name.startsWith("s3:ObjectCreated:") || !ObjectStorage.UPLOADS.equals(bucket)) {
        continue;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        continue; // not MinIO's encoding: not one of ours
      }
      int slash = decoded.indexOf('/');
      String id = slash > 0 ? decoded.substring(0, slash) : "";
      if (VideoIds.isValid(id) && decoded.equals(ObjectKeys.original(id))) {
        ids.add(id);
      }
    }
    return ids;
  }
}
