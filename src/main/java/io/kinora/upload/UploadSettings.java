package io.kinora.upload;

import io.kinora.platform.s3.MultipartStorage;
import io.kinora.video.Video;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Uploads on this node.
 *
 * @param urlTtlSeconds how long a presigned PUT URL (whole file or part) is valid
 * @param webhookToken  the bearer token MinIO sends with bucket notifications (blank = webhook off)
 * @param spoolDir      where API (multipart form) uploads are spooled before they go to storage
 * @param partBytes     the smallest part of an upload sent in parts (at least 5 MiB, S3's floor)
 * @param expiry        how long an upload may stay unfinished before the sweeper removes it
 * @param sweepSeconds  how often one node of the cluster looks for expired uploads
 */
public record UploadSettings(int urlTtlSeconds, String webhookToken, Path spoolDir, long partBytes, Duration expiry,
                             int sweepSeconds) {

  private static final long MIB = 1024 * 1024;

  public UploadSettings {
    if (partBytes < MultipartStorage.MIN_PART_BYTES) {
      throw new IllegalArgumentException("KINORA_UPLOAD_PART_MB must be at least 5: S3 refuses smaller parts");
    }
  }

  /** How long a presigned upload URL is valid: minutes, and a client asks again for more. */
  public Duration urlTtl() {
    return Duration.ofSeconds(urlTtlSeconds);
  }

  /** When the sweeper removes this video if its upload is still unfinished. */
  public Instant unfinishedUntil(Video video) {
    return Instant.parse(video.createdAt()).plus(expiry);
  }

  /**
   * The part size for a file: the configured size, or larger (in whole MiB) when the file would
   * otherwise need more than S3's 10,000 parts.
   */
  public long partSizeFor(long size) {
    long needed = (size + MultipartStorage.MAX_PARTS - 1) / MultipartStorage.MAX_PARTS;
    long wholeMib = (needed + MIB - 1) / MIB * MIB;
    return Math.max(partBytes, wholeMib);
  }
}
