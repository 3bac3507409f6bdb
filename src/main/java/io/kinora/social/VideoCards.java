package io.kinora.social;

import io.kinora.platform.auth.Caller;
import io.kinora.video.Video;
import io.kinora.video.VideoAccess;
import io.kinora.video.VideoRepository;
import io.kinora.video.VideoStatus;
import io.kinora.video.Visibility;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns lists of video ids (from the catalogue, a feed, a search, a playlist) into the videos the
 * caller may see, in the same order, through {@link VideoAccess} like every other read. An index
 * that lags a change (a video made private a moment ago) therefore never shows it, and a
 * disabled account's videos are left out of every list ({@link VideoRepository#withoutDisabledOwners}).
 */
public final class VideoCards {

  private final VideoAccess access;
  private final VideoRepository videos;

  public VideoCards(VideoAccess access, VideoRepository videos) {
    this.access = access;
    this.videos = videos;
  }

  /** Public and ready: what listings that anyone can read may show. */
  public static boolean listed(Video video) {
    return video.visibility() == Visibility.PUBLIC && video.status() == VideoStatus.READY;
  }

  /** The videos among {@code ids} that the caller may see and that pass {@code keep}, in order. */
  public Future<List<Video>> load(Caller caller, List<String> ids, Predicate<Video> keep) {
    List<Future<Video>> lookups = new ArrayList<>();
    for (String id : ids) {
      // an unknown or hidden id is simply left out
      lookups.add(access.visible(caller, id).otherwise((Video) null));
    }
    return Future.all(lookups).compose(all -> {
      List<Video> shown = new ArrayList<>();
      for (Future<Video> lookup : lookups) {
        Video video = lookup.result();
        if (video != null && keep.test(video)) {
          shown.add(video);
        }
      }
      return videos.withoutDisabledOwners(shown);
    });
  }

  /** Public, ready videos only, in order. */
  public Future<List<Video>> listed(Caller caller, List<String> ids) {
    return load(caller, ids, VideoCards::listed);
  }

  public static JsonArray toJson(List<Video> videos) {
    JsonArray items = new JsonArray();
    videos.forEach(video -> items.add(video.toJson()));
    return items;
  }
}
