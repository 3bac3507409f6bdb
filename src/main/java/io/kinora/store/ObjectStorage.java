package io.kinora.store;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * S3 through the MinIO SDK, the only storage client. The SDK blocks, so event-loop callers use
 * the {@code Future} methods, which run on a dedicated worker pool; worker code (transcoding)
 * calls the blocking methods directly.
 */
public final class ObjectStorage {

  public static final String UPLOADS = "uploads";
  public static final String MEDIA = "media";

  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long IO_TIMEOUT_MILLIS = 60_000;

  private final MinioClient client;
  private final MinioClient presigner;
  private final WorkerExecutor workers;

  public ObjectStorage(Vertx vertx, String endpoint, String browserEndpoint, String region,
                       String accessKey, String secretKey) {
    // an explicit region keeps the SDK from asking the server for one before every presign
    this.client = MinioClient.builder().endpoint(endpoint).region(region)
        .credentials(accessKey, secretKey).build();
    // the SDK waits 5 minutes by default; a stalled storage must surface as an error much sooner
    this.client.setTimeout(CONNECT_TIMEOUT_MILLIS, IO_TIMEOUT_MILLIS, IO_TIMEOUT_MILLIS);
    this.presigner = MinioClient.builder().endpoint(browserEndpoint).region(region)
        .credentials(accessKey, secretKey).build();
    this.workers = vertx.createSharedWorkerExecutor("kinora-storage", 8, 5, TimeUnit.MINUTES);
  }

  /** A slice of an object: the bytes, where they start, and the object's full length. */
  public record Slice(byte[] bytes, long offset, long totalLength, String etag) {
  }

  // ---- asynchronous, for event-loop code ----

  public Future<Void> ensureBucketsAsync() {
    return async(() -> {
      ensureBuckets();
      return null;
    });
  }

  public Future<String> presignPutAsync(String key, int ttlSeconds) {
    return async(() -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
        .method(Method.PUT).bucket(UPLOADS).object(key).expiry(ttlSeconds).build()));
  }

  /** Size of an object, or -1 when it does not exist. */
  public Future<Long> sizeAsync(String bucket, String key) {
    return async(() -> size(bucket, key));
  }

  public Future<Void> uploadAsync(String bucket, String key, Path file, String contentType) {
    return async(() -> {
      upload(bucket, key, file, contentType);
      return null;
    });
  }

  /** Reads {@code length} bytes from {@code offset} (length -1 = to the end); null if missing. */
  public Future<Slice> readAsync(String bucket, String key, long offset, long length) {
    return async(() -> read(bucket, key, offset, length));
  }

  public Future<Void> removeVideoAsync(String videoId) {
    return async(() -> {
      removePrefix(UPLOADS, videoId + "/");
      removePrefix(MEDIA, videoId + "/");
      return null;
    });
  }

  /** Removes every output of a video except the attempt {@code keep} (e.g. "r2"); null keeps none. */
  public Future<Void> removeOutputsExceptAsync(String videoId, String keep) {
    String kept = keep == null ? null : videoId + "/" + keep + "/";
    return async(() -> {
      removeUnder(MEDIA, videoId + "/", name -> kept == null || !name.startsWith(kept));
      return null;
    });
  }

  /** Removes the outputs of one attempt (e.g. a run that lost its lease). */
  public Future<Void> removeOutputAsync(String videoId, String output) {
    return async(() -> {
      removeUnder(MEDIA, videoId + "/" + output + "/", name -> true);
      return null;
    });
  }

  public Future<Void> pingAsync() {
    return async(() -> {
      client.bucketExists(BucketExistsArgs.builder().bucket(MEDIA).build());
      return null;
    });
  }

  // ---- blocking, for worker threads ----

  public void ensureBuckets() throws Exception {
    for (String bucket : new String[] {UPLOADS, MEDIA}) {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    }
  }

  public long size(String bucket, String key) throws Exception {
    try {
      return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
    } catch (ErrorResponseException e) {
      if (isMissing(e)) {
        return -1;
      }
      throw e;
    }
  }

  public void download(String bucket, String key, Path target) throws Exception {
    client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key)
        .filename(target.toString()).overwrite(true).build());
  }

  public void upload(String bucket, String key, Path file, String contentType) throws Exception {
    client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
        .filename(file.toString()).contentType(contentType).build());
  }

  public Slice read(String bucket, String key, long offset, long length) throws Exception {
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
    if (offset > 0 || length >= 0) {
      args.offset(offset);
      if (length >= 0) {
        args.length(length);
      }
    }
    try (GetObjectResponse response = client.getObject(args.build())) {
      byte[] bytes = response.readAllBytes();
      long total = totalLength(response, offset + bytes.length);
      return new Slice(bytes, offset, total, response.headers().get("ETag"));
    } catch (ErrorResponseException e) {
      if (isMissing(e)) {
        return null;
      }
      throw e;
    }
  }

  /** Removes every object under a prefix, up to 1000 per request (a 4 h video has ~14k). */
  public void removePrefix(String bucket, String prefix) throws Exception {
    removeUnder(bucket, prefix, name -> true);
  }

  private void removeUnder(String bucket, String prefix, Predicate<String> remove) throws Exception {
    List<DeleteObject> batch = new ArrayList<>();
    for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
        .prefix(prefix).recursive(true).build())) {
      String name = item.get().objectName();
      if (remove.test(name)) {
        batch.add(new DeleteObject(name));
      }
      if (batch.size() == 1000) {
        removeBatch(bucket, batch);
      }
    }
    removeBatch(bucket, batch);
  }

  private void removeBatch(String bucket, List<DeleteObject> batch) throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
        .objects(new ArrayList<>(batch)).build())) {
      DeleteError failed = error.get();
      throw new IllegalStateException("could not delete " + failed.objectName() + ": " + failed.message());
    }
    batch.clear();
  }

  public void close() {
    workers.close();
  }

  private <T> Future<T> async(Callable<T> blocking) {
    return workers.executeBlocking(blocking, false);
  }

  private static long totalLength(GetObjectResponse response, long fallback) {
    String range = response.headers().get("Content-Range");
    if (range != null && range.contains("/")) {
      return Long.parseLong(range.substring(range.lastIndexOf('/') + 1).trim());
    }
    return fallback;
  }

  private static boolean isMissing(ErrorResponseException e) {
    String code = e.errorResponse().code();
    return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || e.response().code() == 404;
  }
}
