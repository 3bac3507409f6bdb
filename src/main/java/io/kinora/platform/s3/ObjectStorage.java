package io.kinora.platform.s3;

import io.kinora.platform.error.ErrorCode;
import io.kinora.platform.error.KinoraException;
import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * S3 through the MinIO SDK, the only storage client. The SDK blocks, so event-loop callers use
 * the {@code Future} methods, which run on a dedicated worker pool; worker code (transcoding)
 * calls the blocking methods directly. No MinIO exception leaves this class: failures arrive as
 * {@link KinoraException}s ({@link ErrorCode#UNAVAILABLE}, or {@link ErrorCode#RANGE_NOT_SATISFIABLE}).
 */
public final class ObjectStorage {

  public static final String UPLOADS = "uploads";
  public static final String MEDIA = "media";

  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long IO_TIMEOUT_MILLIS = 60_000;
  private static final int DELETE_BATCH = 1000;
  /** Where S3Proxy's filesystem store keeps the parts of unfinished multipart uploads. */
  private static final String PART_FILES = ".mpus-";
  private static final int UUID_LENGTH = 36;
  /**
   * Parts of a multipart upload from a file. The SDK's default for a 2 GiB file is 5 MiB, 400
   * requests one after another (63 s into the embedded S3 in bench/big-upload); 16 MiB parts took
   * 28 s. 64 MiB parts were no faster and doubled the node's peak heap (they are buffered whole).
   */
  private static final long UPLOAD_PART_BYTES = 16L * 1024 * 1024;

  private final MinioClient client;
  private final SizedPutSigner uploadSigner;
  private final WorkerExecutor workers;

  public ObjectStorage(Vertx vertx, StorageSettings settings) {
    // an explicit region keeps the SDK from asking the server for one before every presign
    this.client = MinioClient.builder().endpoint(settings.nodeEndpoint()).region(settings.region())
        .credentials(settings.accessKey(), settings.secretKey()).build();
    // the SDK waits 5 minutes by default; a stalled storage must surface as an error much sooner
    this.client.setTimeout(CONNECT_TIMEOUT_MILLIS, IO_TIMEOUT_MILLIS, IO_TIMEOUT_MILLIS);
    this.uploadSigner = settings.uploadSigner();
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

  /** A presigned PUT of exactly {@code size} bytes as a video's original, for the browser. */
  public String presignOriginalPut(String videoId, long size, Duration ttl) {
    return uploadSigner.put(UPLOADS, ObjectKeys.original(videoId), size, ttl, Map.of());
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

  /** Every object of a video, original and outputs. */
  public Future<Void> removeVideoAsync(String videoId) {
    return async(() -> {
      removeUnder(UPLOADS, ObjectKeys.videoPrefix(videoId), item -> true);
      removeUnder(MEDIA, ObjectKeys.videoPrefix(videoId), item -> true);
      return null;
    });
  }

  /** Removes every output of a video except the attempt {@code keep} (e.g. "r2"); null keeps none. */
  public Future<Void> removeOutputsExceptAsync(String videoId, String keep) {
    String kept = keep == null ? null : ObjectKeys.outputPrefix(videoId, keep);
    return async(() -> {
      removeUnder(MEDIA, ObjectKeys.videoPrefix(videoId),
          item -> kept == null || !item.objectName().startsWith(kept));
      return null;
    });
  }

  /** Removes the outputs of one attempt (e.g. a run that lost its lease). */
  public Future<Void> removeOutputAsync(String videoId, String output) {
    return async(() -> {
      removeUnder(MEDIA, ObjectKeys.outputPrefix(videoId, output), item -> true);
      return null;
    });
  }

  /**
   * Removes the part files S3Proxy keeps at the bucket root for an upload ({@code .mpus-<uploadId>-...}),
   * including parts PUT after an abort, which it still accepts. Nothing to do on MinIO.
   */
  Future<Void> removeStrayPartsAsync(String bucket, String uploadId) {
    return async(() -> {
      removeUnder(bucket, PART_FILES + uploadId + "-", item -> true);
      return null;
    });
  }

  /**
   * Removes S3Proxy's part files older than {@code before} of every upload not in
   * {@code liveUploadIds}; returns how many. Its upload IDs are UUIDs; a part file named otherwise
   * is left alone. The age keeps the parts of an upload started after the live IDs were read.
   */
  Future<Integer> removePartsOtherThanAsync(String bucket, Set<String> liveUploadIds, Instant before) {
    return async(() -> removeUnder(bucket, PART_FILES, item -> {
      String rest = item.objectName().substring(PART_FILES.length());
      return rest.length() > UUID_LENGTH && rest.charAt(UUID_LENGTH) == '-'
          && !liveUploadIds.contains(rest.substring(0, UUID_LENGTH))
          && item.lastModified() != null // a directory the embedded S3 lists has no date: left alone
          && item.lastModified().toInstant().isBefore(before);
    }));
  }

  /** Removes one object (nothing happens when it is not there). */
  public Future<Void> removeAsync(String bucket, String key) {
    return async(() -> {
      removeBatch(bucket, new ArrayList<>(List.of(new DeleteObject(key))));
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

  public void ensureBuckets() {
    translated(() -> {
      for (String bucket : new String[] {UPLOADS, MEDIA}) {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
          client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
      }
      return null;
    });
  }

  /** Size of an object, or -1 when it does not exist. */
  public long size(String bucket, String key) {
    Stored stored = stat(bucket, key);
    return stored == null ? -1 : stored.size();
  }

  /** Size and ETag of an object, or null when it does not exist. */
  public Stored stat(String bucket, String key) {
    return translated(() -> {
      try {
        StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        return new Stored(stat.size(), stat.etag());
      } catch (ErrorResponseException e) {
        if (isMissing(e)) {
          return null;
        }
        throw e;
      }
    });
  }

  public void download(String bucket, String key, Path target) {
    translated(() -> {
      client.downloadObject(DownloadObjectArgs.builder().bucket(bucket).object(key)
          .filename(target.toString()).overwrite(true).build());
      return null;
    });
  }

  /** Downloads the object; false, with nothing written, when it does not exist. */
  public boolean downloadIfPresent(String bucket, String key, Path target) {
    return translated(() -> {
      try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        Files.copy(response, target, StandardCopyOption.REPLACE_EXISTING);
        return true;
      } catch (ErrorResponseException e) {
        if (isMissing(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  /**
   * Downloads the object if its ETag is still {@code etag} (blank: whatever it is); false, with
   * nothing written, when it changed. One conditional GET, so nothing can slip in between.
   */
  public boolean downloadIfUnchanged(String bucket, String key, String etag, Path target) {
    if (etag == null || etag.isBlank()) {
      download(bucket, key, target);
      return true;
    }
    return translated(() -> {
      try (GetObjectResponse response = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key)
          .matchETag(etag).build())) {
        Files.copy(response, target, StandardCopyOption.REPLACE_EXISTING);
        return true;
      } catch (ErrorResponseException e) {
        if (e.response().code() == 412 || "PreconditionFailed".equals(e.errorResponse().code())) {
          return false;
        }
        throw e;
      }
    });
  }

  /** Size and ETag of an object, or null when it does not exist. */
  public Future<Stored> statAsync(String bucket, String key) {
    return async(() -> stat(bucket, key));
  }

  /** An object's size and ETag (without quotes). */
  public record Stored(long size, String etag) {
  }

  public void upload(String bucket, String key, Path file, String contentType) {
    translated(() -> {
      client.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key)
          .filename(file.toString(), UPLOAD_PART_BYTES).contentType(contentType).build());
      return null;
    });
  }

  public Slice read(String bucket, String key, long offset, long length) {
    return translated(() -> {
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
    });
  }

  /** An object as a listing names it. */
  public record Listed(String key, long size) {
  }

  /** Every object under {@code prefix} (blocking; for tools: a 4 h video has ~14k). */
  public List<Listed> list(String bucket, String prefix) {
    return translated(() -> {
      List<Listed> listed = new ArrayList<>();
      for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
          .prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        // the embedded S3 lists directories too
        if (!item.isDir() && !item.objectName().endsWith("/")) {
          listed.add(new Listed(item.objectName(), item.size()));
        }
      }
      return listed;
    });
  }

  /** Removes matching objects under a prefix, up to 1000 per request (a 4 h video has ~14k); returns how many. */
  private int removeUnder(String bucket, String prefix, Predicate<Item> remove) throws Exception {
    int removed = 0;
    List<DeleteObject> batch = new ArrayList<>();
    for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket)
        .prefix(prefix).recursive(true).build())) {
      Item object = item.get();
      if (remove.test(object)) {
        batch.add(new DeleteObject(object.objectName()));
        removed++;
      }
      if (batch.size() == DELETE_BATCH) {
        removeBatch(bucket, batch);
      }
    }
    removeBatch(bucket, batch);
    return removed;
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

  private <T> Future<T> async(Callable<T> call) {
    return workers.executeBlocking(() -> translated(call), false);
  }

  /**
   * Runs an SDK call; what storage answered or failed to answer becomes the project's own
   * exception, with the detail kept as its cause (for the log, never for clients). Anything else
   * (a bug, a refused delete) stays what it is and ends as a 500.
   */
  private static <T> T translated(Callable<T> call) {
    try {
      return call.call();
    } catch (ErrorResponseException e) {
      if ("InvalidRange".equals(e.errorResponse().code())) {
        throw new KinoraException(ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is outside the file.");
      }
      throw unavailable(e);
    } catch (MinioException | IOException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("storage call failed: " + e, e);
    }
  }

  static KinoraException unavailable(Exception cause) {
    return KinoraException.unavailable("Storage did not answer; try again in a moment.", cause);
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
