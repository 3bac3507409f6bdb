package io.kinora.upload;

import java.nio.file.Path;

/**
 * Uploads on this node.
 *
 * @param urlTtlSeconds how long a presigned PUT URL is valid
 * @param webhookToken  the bearer token MinIO sends with bucket notifications (blank = webhook off)
 * @param spoolDir      where API (multipart) uploads are spooled before they go to storage
 */
public record UploadSettings(int urlTtlSeconds, String webhookToken, Path spoolDir) {
}
