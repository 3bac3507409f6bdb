package io.kinora.video;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema of the video record, the hash {@code kinora:video:{id}} (every value a string): each
 * field once, with the one that writes it. Java code names fields only through these constants;
 * the Lua scripts spell them as literals, and {@code LuaScriptsTest} checks that every field a
 * script reads or writes in the video hash is one of these.
 *
 * <p>Writers: {@link VideoRepository} (creation, edits, uploads, deletion, and the fields a job's
 * outcome writes, spelled in its {@code readyFields}/{@code failedFields}/{@code playableFields});
 * the captions scripts ({@code video.captions.CaptionStore}), which keep the track list, and the chapters
 * script ({@code video.captions.ChapterStore});
 * the job scripts of {@code jobs.JobQueue}, which move the status together with the queue; and the
 * social scripts, each of which keeps its own counters ({@code social.ratings}, {@code social.comments}).
 * A field not written yet reads as its default in {@link Video#fromHash}: records older than a field
 * never need rewriting.
 */
public final class VideoFields {

  // ---- what the video is: VideoRepository (create; title, description and visibility also by updateMeta) ----

  /** The video's ID, also in the key; its presence is how a reader tells a record from nothing. */
  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  /** The name of the uploaded file, as the client gave it. */
  public static final String FILENAME = "filename";
  /** The original's size in bytes: declared at creation, written again by the enqueue job script as the upload completes. */
  public static final String SIZE = "size";
  /** ISO-8601 instant of creation. */
  public static final String CREATED_AT = "createdAt";
  /** The owner's user ID (empty on videos made before accounts, until adopted by VideoRepository). */
  public static final String OWNER_ID = "ownerId";
  /** The owner's username when the video was made. */
  public static final String OWNER_NAME = "ownerName";
  /** {@link Visibility#wire()}; absent on old records (read as the default). */
  public static final String VISIBILITY = "visibility";

  // ---- where it is in its life: VideoRepository (create, setStatus) and the job scripts (jobs.JobQueue) ----

  /** {@link VideoStatus#wire()}. */
  public static final String STATUS = "status";
  /** Percent done of the current run, 0..100. */
  public static final String PROGRESS = "progress";
  /** Why it failed, as its uploader reads it; empty when it did not. */
  public static final String ERROR = "error";
  /** ISO-8601 instant of the last change: every writer of the status, and VideoRepository's edits. */
  public static final String UPDATED_AT = "updatedAt";
  /** Event sequence number, bumped by every status change (HINCRBY), so listeners order the events. */
  public static final String SEQ = "seq";
  /** Runs begun (the job script that begins one counts it); an administrator's retry resets it to 0. */
  public static final String ATTEMPTS = "attempts";
  /** The ETag of the original when its upload completed (enqueue job script): a run processes that file only. */
  public static final String ORIGINAL_ETAG = "originalEtag";
  /** The worker ({@code nodeId/uuid}) that began the last run (the job script that begins one). */
  public static final String WORKER = "worker";
  /**
   * "1" once a processing run has every rendition's first segments stored (store-partial job script).
   * A failure clears it; a new attempt leaves it, and continues the earlier run's segments.
   */
  public static final String PLAYABLE = "playable";
  /** What a failed run's tool said last, for administrators (VideoRepository.failedFields, written by the finish job script). */
  public static final String FAILURE_LOG = "failureLog";

  // ---- a multipart upload: VideoRepository (attachParts, start/stopAssembling) ----

  /** Storage's ID of the multipart upload. */
  public static final String UPLOAD_ID = "uploadId";
  /** Bytes in every part but the last. */
  public static final String PART_SIZE = "partSize";
  /** When a complete asked storage to assemble the parts (epoch ms), 0 before. */
  public static final String ASSEMBLING_SINCE = "assemblingSince";

  // ---- what a run made: VideoRepository.readyFields/playableFields, written by the job scripts ----

  /** The source audio's loudness before normalisation, JSON ({@code SourceLoudness}), blank when not measured. */
  public static final String SOURCE_LOUDNESS = "sourceLoudness";
  /** The storage prefix of the run whose files are served (each attempt writes under its own). */
  public static final String OUTPUT = "output";
  public static final String DURATION_SECONDS = "durationSeconds";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  /** The ladder as a JSON array of {@link Rendition}. */
  public static final String RENDITIONS = "renditions";
  /** {@link SegmentFormat#wire()}; absent = ts. */
  public static final String SEGMENT_FORMAT = "segmentFormat";
  /** The audio-only rendition of an fMP4 ladder as JSON; empty = none. */
  public static final String AUDIO = "audio";
  /** The MP4 downloads as a JSON array of {@link Download} (ready only). */
  public static final String DOWNLOADS = "downloads";
  /** The storyboard's layout as JSON; empty = none (ready only). */
  public static final String STORYBOARD = "storyboard";

  // ---- what the owner added: video.captions.CaptionStore and video.captions.ChapterStore (their scripts) ----

  /** The caption tracks as a JSON array of {@link CaptionTrack}; absent = none. */
  public static final String CAPTIONS = "captions";
  /**
   * The chapters the owner set through the API, a JSON array of {@code {start, title}}
   * ({@code captions.Chapters}); absent = none, and then the description's count.
   */
  public static final String CHAPTERS = "chapters";

  // ---- what viewers did: the social scripts, each counter by its one writer ----

  /** social.ratings (the rate script), with {@link #DISLIKES}. */
  public static final String LIKES = "likes";
  public static final String DISLIKES = "dislikes";
  /** social.ratings (the view count script). */
  public static final String VIEWS = "views";
  /** social.comments (the add and delete scripts). */
  public static final String COMMENT_COUNT = "commentCount";
  /** "1" when the owner turned comments off: social.comments (the switch script). */
  public static final String COMMENTS_OFF = "commentsOff";

  /**
   * The words scripts may name as {@code ${status.ready}} or {@code ${visibility.public}} (see
   * {@code platform.redis.LuaScript}): the values the status and visibility fields take, from
   * the enums, so no script spells one of its own.
   */
  public static final Map<String, String> SCRIPT_WORDS = scriptWords();

  private VideoFields() {
  }

  private static Map<String, String> scriptWords() {
    Map<String, String> words = new LinkedHashMap<>();
    for (VideoStatus status : VideoStatus.values()) {
      words.put("status." + status.wire(), status.wire());
    }
    for (Visibility visibility : Visibility.values()) {
      words.put("visibility." + visibility.wire(), visibility.wire());
    }
    return Map.copyOf(words);
  }
}
