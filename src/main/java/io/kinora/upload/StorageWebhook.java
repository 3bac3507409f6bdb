package io.kinora.upload;

import io.kinora.KinoraServices;
import io.kinora.store.ObjectStorage;
import io.kinora.store.VideoIds;
import io.kinora.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /hooks/storage}: MinIO bucket notifications. Object keys arrive URL-encoded; an
 * {@code s3:ObjectCreated:*} event for {@code uploads/{id}/original} counts as that video's
 * completion (the same idempotent path as the client's complete call).
 */
public final class StorageWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(StorageWebhook.class);

  private final KinoraServices services;
  private final UploadApi uploads;

  public StorageWebhook(KinoraServices services, UploadApi uploads) {
    this.services = services;
    this.uploads = uploads;
  }

  public void handle(RoutingContext ctx) {
    authorize(ctx.request().getHeader("Authorization"));
    JsonObject event;
    try {
      event = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.badRequest("The body must be a MinIO event (JSON object).");
    }
    if (event == null) {
      throw ApiError.badRequest("The body must be a MinIO event (JSON object).");
    }
    List<Future<?>> completions = new ArrayList<>();
    for (String id : uploadedVideoIds(event)) {
      completions.add(uploads.notifyCompleted(id).recover(err -> {
        // an unknown or already-finished video is not MinIO's problem: do not make it retry
        if (err instanceof ApiError api && api.status() < 500) {
          LOG.info("storage event for {} ignored: {}", id, api.getMessage());
          return Future.succeededFuture();
        }
        return Future.failedFuture(err);
      }));
    }
    Future.all(completions)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void authorize(String header) {
    String token = services.config().webhookToken();
    if (token.isBlank()) {
      throw new ApiError(401, "The storage webhook is disabled: set KINORA_WEBHOOK_TOKEN on the nodes "
          + "and the same bearer token in MinIO's notify_webhook settings.");
    }
    String expected = "Bearer " + token;
    if (header == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        header.trim().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiError(401, "Missing or wrong bearer token.");
    }
  }

  static List<String> uploadedVideoIds(JsonObject event) {
    List<String> ids = new ArrayList<>();
    Object records = event.getValue("Records");
    if (!(records instanceof JsonArray array)) {
      throw ApiError.badRequest("A MinIO event has a 'Records' array.");
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
      if (slash > 0 && decoded.substring(slash + 1).equals("original")
          && VideoIds.isValid(decoded.substring(0, slash))) {
        ids.add(decoded.substring(0, slash));
      }
    }
    return ids;
  }
}
