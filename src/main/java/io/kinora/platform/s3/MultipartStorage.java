package io.kinora.platform.s3;

import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import io.kinora.platform.error.KinoraException;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Part;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * S3 multipart uploads whose parts the browser PUTs itself through presigned URLs: create, presign
 * parts, list what storage holds, complete, abort. Uses the SDK's asynchronous client (no worker
 * thread waits while storage assembles a 20 GiB file) and turns its futures into Vert.x ones on
 * the caller's context.
 *
 * <p>What the embedded S3 (S3Proxy 2.6.0) does differently from MinIO, measured in
 * {@code docs/notes/issue-13-s3-multipart.md}: its ListParts reply lacks fields the SDK's parser
 * requires, so parts are listed with a request of our own and parsed leniently; it lists parts in
 * string order (sorted here, since MinIO refuses an unsorted complete); a complete copies every
 * byte before answering (about 3 s per GiB), hence the long read timeout; and after an abort it
 * keeps part files that arrive late, which {@link #abort} removes.
 */
public final class MultipartStorage {

  /** S3's floor for every part but the last. */
  public static final long MIN_PART_BYTES = 5L * 1024 * 1024;
  /** S3's ceiling on part numbers. */
  public static final int MAX_PARTS = 10_000;

  private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long WRITE_TIMEOUT_MILLIS = 60_000;
  /** A complete answers only when storage has assembled the whole file. */
  private static final long READ_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(15);
  private static final Set<String> UPLOAD_GONE = Set.of("NoSuchUpload", "NoSuchKey");
  private static final int ABORT_ATTEMPTS = 3;
  private static final long ABORT_RETRY_MILLIS = 1000;

  private final Vertx vertx;
  private final String region;
  private final Client client;
  private final SizedPutSigner uploadSigner;
  private final ObjectStorage objects;

  public MultipartStorage(Vertx vertx, StorageSettings settings, ObjectStorage objects) {
    this.vertx = vertx;
    this.region = settings.region();
    MinioAsyncClient base = MinioAsyncClient.builder().endpoint(settings.nodeEndpoint()).region(region)
        .credentials(settings.accessKey(), settings.secretKey()).build();
    base.setTimeout(CONNECT_TIMEOUT_MILLIS, WRITE_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
    this.client = new Client(base);
    // the browser's endpoint: a presigned URL is only valid for the host it was signed for
    this.uploadSigner = settings.uploadSigner();
    this.objects = objects;
  }

  /** A part as storage holds it. */
  public record StoredPart(int partNumber, long size, String etag) {
  }

  /** Starts a multipart upload of {@code key}; returns its upload ID. */
  public Future<String> create(String bucket, String key, String contentType) {
    Multimap<String, String> headers = HashMultimap.create();
    headers.put("Content-Type", contentType);
    return call(() -> client.createMultipartUploadAsync(bucket, region, key, headers, null))
        .map(created -> created.result().uploadId());
  }

  /**
   * A presigned UploadPart URL for one part of exactly {@code size} bytes; the signature covers the
   * upload ID, the part number and the size.
   */
  public String presignPart(String bucket, String key, String uploadId, int partNumber, long size, Duration ttl) {
    return uploadSigner.put(bucket, key, size, ttl,
        Map.of("uploadId", uploadId, "partNumber", Integer.toString(partNumber)));
  }

  /** The parts storage holds, ascending by number; none when the upload is unknown or finished. */
  public Future<List<StoredPart>> listParts(String bucket, String key, String uploadId) {
    return listFrom(bucket, key, uploadId, null, new ArrayList<>()).map(parts -> {
      parts.sort(Comparator.comparingInt(StoredPart::partNumber));
      return parts;
    });
  }

  private Future<List<StoredPart>> listFrom(String bucket, String key, String uploadId, Integer marker,
                                            List<StoredPart> into) {
    return call(() -> client.listParts(bucket, region, key, uploadId, marker))
        .compose(page -> {
          into.addAll(page.parts());
          // S3Proxy never pages (and refuses a marker); MinIO pages at 1,000 parts
          return page.nextMarker() == null ? Future.succeededFuture(into)
              : listFrom(bucket, key, uploadId, page.nextMarker(), into);
        })
        .recover(err -> isGone(err) ? Future.succeededFuture(into) : Future.failedFuture(err));
  }

  /**
   * Completes the upload from these parts (ascending). True when storage assembled the object;
   * false when storage no longer knows the upload (completed before, or aborted): the caller looks
   * at the object to tell which.
   */
  public Future<Boolean> complete(String bucket, String key, String uploadId, List<StoredPart> parts) {
    Part[] sorted = parts.stream().sorted(Comparator.comparingInt(StoredPart::partNumber))
        .map(p -> new Part(p.partNumber(), p.etag())).toArray(Part[]::new);
    return call(() -> client.completeMultipartUploadAsync(bucket, region, key, uploadId, sorted, null, null))
        .map(true)
        .recover(err -> isGone(err) ? Future.succeededFuture(false) : Future.failedFuture(err));
  }

  /** Aborts the upload (an unknown one counts as aborted) and removes part files S3Proxy kept. */
  public Future<Void> abort(String bucket, String key, String uploadId) {
    return abortTrying(bucket, key, uploadId, 1).compose(v -> objects.removeStrayPartsAsync(bucket, uploadId));
  }

  /**
   * S3Proxy refuses an abort (400, no body) while a part the client just cut off is still being
   * written; a moment later it takes it. So a refused abort is tried again, twice.
   */
  private Future<Void> abortTrying(String bucket, String key, String uploadId, int attempt) {
    return call(() -> client.abortMultipartUploadAsync(bucket, region, key, uploadId, null, null))
        .<Void>mapEmpty()
        .recover(err -> {
          if (isGone(err)) {
            return Future.succeededFuture();
          }
          if (attempt >= ABORT_ATTEMPTS) {
            return Future.failedFuture(err);
          }
          return vertx.timer(ABORT_RETRY_MILLIS * attempt)
              .compose(t -> abortTrying(bucket, key, uploadId, attempt + 1));
        });
  }

  /**
   * Removes parts older than {@code before} that belong to no open upload: on the embedded S3, a
   * part PUT with a URL handed out before its upload was aborted is still stored, outside any
   * quota. Returns how many.
   */
  public Future<Integer> removeOrphanParts(String bucket, Set<String> openUploadIds, Instant before) {
    return objects.removePartsOtherThanAsync(bucket, openUploadIds, before);
  }

  private interface SdkCall<T> {
    CompletableFuture<T> start() throws Exception;
  }

  /** Runs an SDK call and completes on the caller's context; storage failures become UNAVAILABLE. */
  private <T> Future<T> call(SdkCall<T> call) {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<T> started;
    try {
      started = call.start();
    } catch (Exception e) {
      return Future.failedFuture(ObjectStorage.unavailable(e));
    }
    return Future.fromCompletionStage(started, context).recover(MultipartStorage::translated);
  }

  private static <T> Future<T> translated(Throwable err) {
    Throwable cause = unwrapped(err);
    if (cause instanceof KinoraException known) {
      return Future.failedFuture(known);
    }
    if (cause instanceof ErrorResponseException refused && UPLOAD_GONE.contains(refused.errorResponse().code())) {
      return Future.failedFuture(new UploadGone(refused));
    }
    return Future.failedFuture(cause instanceof Exception e ? ObjectStorage.unavailable(e)
        : new IllegalStateException("storage call failed", cause));
  }

  private static Throwable unwrapped(Throwable err) {
    Throwable cause = err;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean isGone(Throwable err) {
    return err instanceof UploadGone;
  }

  /** Storage does not know this upload (any more). */
  private static final class UploadGone extends RuntimeException {
    UploadGone(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** One page of ListParts: its parts, and the marker of the next page when storage says there is one. */
  private record PartsPage(List<StoredPart> parts, Integer nextMarker) {
  }

  /** The SDK's client plus a ListParts the embedded S3's replies can be read by. */
  private static final class Client extends MinioAsyncClient {

    Client(MinioAsyncClient configured) {
      super(configured);
    }

    CompletableFuture<PartsPage> listParts(String bucket, String region, String key, String uploadId, Integer marker)
        throws Exception {
      Multimap<String, String> query = HashMultimap.create();
      query.put("uploadId", uploadId);
      if (marker != null) {
        query.put("part-number-marker", marker.toString());
      }
      return executeAsync(Method.GET, bucket, key, region, null, query, null, 0).thenApply(Client::parse);
    }

    private static PartsPage parse(Response response) {
      try (ResponseBody body = response.body()) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.bytes()));
        List<StoredPart> parts = new ArrayList<>();
        NodeList items = xml.getElementsByTagName("Part");
        for (int i = 0; i < items.getLength(); i++) {
          Element part = (Element) items.item(i);
          parts.add(new StoredPart(Integer.parseInt(text(part, "PartNumber")), Long.parseLong(text(part, "Size")),
              text(part, "ETag")));
        }
        Element root = xml.getDocumentElement();
        boolean truncated = "true".equalsIgnoreCase(text(root, "IsTruncated"));
        String next = text(root, "NextPartNumberMarker");
        return new PartsPage(parts, truncated && !next.isEmpty() ? Integer.valueOf(next) : null);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }

    /** The text of the first child element of that name, or "" (S3Proxy leaves some out). */
    private static String text(Element parent, String name) {
      NodeList found = parent.getElementsByTagName(name);
      return found.getLength() == 0 ? "" : found.item(0).getTextContent().trim();
    }
  }
}
