package io.kinora.video;

import java.util.Map;

/**
 * An upload the client sends in parts, straight to storage (an S3 multipart upload), and how its
 * file is cut: part {@code n} holds bytes {@code [(n-1)*partSize, min(n*partSize, size))}.
 *
 * @param uploadId        storage's ID of the multipart upload
 * @param partSize        bytes in every part but the last
 * @param size            the file's declared size
 * @param assemblingSince when a complete asked storage to assemble the parts (epoch ms), 0 before
 */
public record PartedUpload(String uploadId, long partSize, long size, long assemblingSince) {

  static PartedUpload fromHash(Map<String, String> h) {
    String uploadId = h.get(VideoFields.UPLOAD_ID);
    if (uploadId == null || uploadId.isEmpty()) {
      return null;
    }
    return new PartedUpload(uploadId, Long.parseLong(h.getOrDefault(VideoFields.PART_SIZE, "0")),
        Long.parseLong(h.getOrDefault(VideoFields.SIZE, "0")),
        Long.parseLong(h.getOrDefault(VideoFields.ASSEMBLING_SINCE, "0")));
  }

  public int partCount() {
    return partCount(size, partSize);
  }

  /** How many parts a file of {@code size} is cut into. */
  public static int partCount(long size, long partSize) {
    return (int) Math.max(1, (size + partSize - 1) / partSize);
  }

  /** How many bytes part {@code partNumber} must hold. */
  public long expectedSize(int partNumber) {
    return partNumber < partCount() ? partSize : size - partSize * (partCount() - 1);
  }

  /** True while a complete is assembling the parts and has not been given up as lost. */
  public boolean assembling(long nowMillis, long staleAfterMillis) {
    return assemblingSince > 0 && nowMillis - assemblingSince < staleAfterMillis;
  }
}
