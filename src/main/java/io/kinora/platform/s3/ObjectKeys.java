package io.kinora.platform.s3;

/**
 * Object names, in one place. Originals are {@code uploads/{id}/original}; each transcode attempt
 * writes under its own prefix {@code media/{id}/{output}/...} (videos made before per-attempt
 * prefixes have an empty output and live at {@code media/{id}/...}). A channel's picture is
 * {@code media/avatars/{user id}/{version}.jpg} (written by {@code social.channels}; no video id is
 * ever {@code avatars}: ids are 22 characters).
 */
public final class ObjectKeys {

  private ObjectKeys() {
  }

  /** The uploaded file, in {@link ObjectStorage#UPLOADS}. */
  public static String original(String videoId) {
    return videoId + "/original";
  }

  /** Everything of one video, in either bucket. */
  public static String videoPrefix(String videoId) {
    return videoId + "/";
  }

  /** Everything one attempt wrote, in {@link ObjectStorage#MEDIA}. */
  public static String outputPrefix(String videoId, String output) {
    return output.isEmpty() ? videoPrefix(videoId) : videoId + "/" + output + "/";
  }

  /** One output file (e.g. {@code 720p/seg_00001.ts} or {@code poster.jpg}), in {@link ObjectStorage#MEDIA}. */
  public static String media(String videoId, String output, String relativePath) {
    return outputPrefix(videoId, output) + relativePath;
  }

  /** A channel's picture, a 256x256 JPEG, in {@link ObjectStorage#MEDIA}; a new picture gets a new version. */
  public static String avatar(String userId, String version) {
    return "avatars/" + userId + "/" + version + ".jpg";
  }
}
