package io.kinora.video;

import java.util.regex.Pattern;

/** The public paths of a video, in one place: the API, the playlists and the UI agree on them. */
public final class VideoUrls {

  /** What a media file name in a signed URL looks like (what ffmpeg writes): checked before use. */
  public static final Pattern MEDIA_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** The media "rendition" directory holding the progressive MP4 downloads: {@code downloads/720p.mp4}. */
  public static final String DOWNLOADS = "downloads";
  /** The media "rendition" directory holding the storyboard sheets: {@code storyboard/sheet_001.jpg}. */
  public static final String STORYBOARD = "storyboard";

  private VideoUrls() {
  }

  /** {@code GET} answers 302 to the signed MP4 of that rendition. */
  public static String download(String videoId, String rendition) {
    return "/api/videos/" + videoId + "/download?rendition=" + rendition;
  }

  public static String storyboard(String videoId) {
    return "/api/videos/" + videoId + "/storyboard.vtt";
  }

  /** A download's file name inside {@link #DOWNLOADS} (and its path under the output prefix). */
  public static String downloadFile(String rendition) {
    return rendition + ".mp4";
  }

  public static String master(String videoId) {
    return "/api/videos/" + videoId + "/master.m3u8";
  }

  public static String variant(String videoId, String rendition) {
    return "/api/videos/" + videoId + "/renditions/" + rendition + ".m3u8";
  }

  public static String dash(String videoId) {
    return "/api/videos/" + videoId + "/manifest.mpd";
  }

  /** The WebVTT of one caption track. */
  public static String captions(String videoId, String language) {
    return "/api/videos/" + videoId + "/captions/" + language + ".vtt";
  }

  /** The HLS media playlist of one caption track (the master playlist's SUBTITLES group names it). */
  public static String captionsPlaylist(String videoId, String language) {
    return "/api/videos/" + videoId + "/captions/" + language + ".m3u8";
  }

  public static String poster(String videoId) {
    return "/api/videos/" + videoId + "/poster.jpg";
  }

  /** A media file's path before signing: what nginx's {@code $uri} is for a signed media URL. */
  public static String media(String videoId, String rendition, String file) {
    return "/media/" + videoId + "/" + rendition + "/" + file;
  }
}
