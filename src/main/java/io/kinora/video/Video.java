package io.kinora.video;

import io.kinora.platform.s3.ObjectKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * A video record as Redis keeps it (a hash of strings, see {@link VideoFields}), and its public JSON form.
 * {@code chapters} are the ones in effect: the owner's from the API, else the description's.
 */
public record Video(
    String id,
    String title,
    String description,
    VideoStatus status,
    int progress,
    String error,
    double durationSeconds,
    int width,
    int height,
    List<Rendition> renditions,
    String createdAt,
    String updatedAt,
    long seq,
    int attempts,
    long sizeBytes,
    String filename,
    String output,
    String ownerId,
    String ownerName,
    Visibility visibility,
    PartedUpload parted,
    Engagement engagement,
    SegmentFormat segmentFormat,
    Rendition audio,
    List<Download> downloads,
    Storyboard storyboard,
    boolean playableWhileProcessing,
    List<CaptionTrack> captions,
    Chapters.InEffect chapters) {

  static Video fromHash(Map<String, String> h) {
    String description = h.getOrDefault(VideoFields.DESCRIPTION, "");
    return new Video(
        h.get(VideoFields.ID),
        h.getOrDefault(VideoFields.TITLE, ""),
        description,
        VideoStatus.fromWire(h.getOrDefault(VideoFields.STATUS, VideoStatus.AWAITING_UPLOAD.wire())),
        (int) number(h.get(VideoFields.PROGRESS)),
        emptyToNull(h.get(VideoFields.ERROR)),
        Double.parseDouble(h.getOrDefault(VideoFields.DURATION_SECONDS, "0")),
        (int) number(h.get(VideoFields.WIDTH)),
        (int) number(h.get(VideoFields.HEIGHT)),
        Rendition.fromJsonArray(h.get(VideoFields.RENDITIONS)),
        h.get(VideoFields.CREATED_AT),
        h.get(VideoFields.UPDATED_AT),
        number(h.get(VideoFields.SEQ)),
        (int) number(h.get(VideoFields.ATTEMPTS)),
        number(h.get(VideoFields.SIZE)),
        h.getOrDefault(VideoFields.FILENAME, ""),
        h.getOrDefault(VideoFields.OUTPUT, ""),
        h.getOrDefault(VideoFields.OWNER_ID, ""),
        h.getOrDefault(VideoFields.OWNER_NAME, ""),
        Visibility.fromStored(h.get(VideoFields.VISIBILITY)),
        PartedUpload.fromHash(h),
        Engagement.fromHash(h),
        SegmentFormat.fromStored(h.get(VideoFields.SEGMENT_FORMAT)),
        audioFrom(h.get(VideoFields.AUDIO)),
        Download.fromJsonArray(h.get(VideoFields.DOWNLOADS)),
        Storyboard.fromStored(h.get(VideoFields.STORYBOARD)),
        "1".equals(h.get(VideoFields.PLAYABLE)),
        CaptionTrack.fromJsonArray(h.get(VideoFields.CAPTIONS)),
        Chapters.inEffect(Chapters.fromStored(h.get(VideoFields.CHAPTERS)), description));
  }

  /**
   * Players may start: ready, or still processing with every rendition's first segments stored
   * (the playlists grow until the job ends). The flag of an earlier attempt counts for nothing
   * once the job is queued or begun again: the next attempt starts from no segments.
   */
  public boolean playable() {
    return status == VideoStatus.READY || (status == VideoStatus.PROCESSING && playableWhileProcessing);
  }

  /**
   * Storage key of one output file. Each transcode attempt writes under its own prefix and
   * the record names the one that finished, so a half-written or late attempt is never served.
   */
  public String mediaKey(String relativePath) {
    return ObjectKeys.media(id, output, relativePath);
  }

  /** The download of that rendition, or null (unknown rendition, or processed before downloads). */
  public Download download(String rendition) {
    return downloads.stream().filter(d -> d.rendition().equals(rendition)).findFirst().orElse(null);
  }

  /** The caption track in that language, or null. */
  public CaptionTrack captions(String language) {
    return captions.stream().filter(t -> t.language().equals(language)).findFirst().orElse(null);
  }

  public Rendition rendition(String name) {
    return renditions.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
  }

  /** When it was created, in epoch milliseconds (the score of every index by date). */
  public long createdMillis() {
    return createdAt == null ? 0 : java.time.Instant.parse(createdAt).toEpochMilli();
  }

  /** Exactly the fields of the public contract. */
  public JsonObject toJson() {
    boolean ready = status == VideoStatus.READY;
    JsonArray rungs = new JsonArray();
    renditions.forEach(r -> rungs.add(r.toPublicJson()));
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("title", title)
        .put("description", description)
        .put("owner", ownerId.isEmpty() ? null : new JsonObject().put("id", ownerId).put("username", ownerName))
        .put("visibility", visibility.wire())
        .put("status", status.wire())
        .put("progress", progress);
    if (error != null) {
      json.put("error", error);
    }
    engagement.addTo(json);
    return json
        .put("durationSeconds", durationSeconds)
        .put("width", width)
        .put("height", height)
        .put("renditions", rungs)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt)
        .put("playable", playable())
        .put("playbackUrl", playable() ? VideoUrls.master(id) : null)
        .put("segmentFormat", ready ? segmentFormat.wire() : null)
        .put("dashUrl", ready && segmentFormat == SegmentFormat.FMP4 ? VideoUrls.dash(id) : null)
        .put("posterUrl", ready ? VideoUrls.poster(id) : null)
        .put("downloads", downloadsJson(ready))
        .put("storyboardUrl", ready && storyboard != null ? VideoUrls.storyboard(id) : null)
        .put("captions", new JsonArray(captions.stream().map(t -> t.toJson(id)).toList()))
        .put("chapters", chapters.itemsJson());
  }

  /** One entry per rendition with an MP4; {@code url} answers 302 to the signed file. */
  private JsonArray downloadsJson(boolean ready) {
    JsonArray list = new JsonArray();
    if (ready) {
      downloads.forEach(d -> list.add(d.toJson().put("url", VideoUrls.download(id, d.rendition()))));
    }
    return list;
  }

  private static Rendition audioFrom(String json) {
    return json == null || json.isEmpty() ? null : Rendition.fromJson(new JsonObject(json));
  }

  /** A rendition's variant playlist exists: a rung of the ladder, or the audio of an fMP4 ladder. */
  public boolean hasPlaylist(String name) {
    return rendition(name) != null || (audio != null && audio.name().equals(name));
  }

  private static long number(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    return (long) Double.parseDouble(value);
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
