package io.kinora.packaging;

import io.kinora.video.Storyboard;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The WebVTT thumbnail track of a storyboard: one cue per thumbnail, from its time to the next
 * one's, the last ending at the video's end, so every instant of the video has exactly one cue.
 * Each cue's text is its sheet's URL with a media fragment {@code #xywh=x,y,w,h} naming the tile.
 */
public final class StoryboardVtt {

  private StoryboardVtt() {
  }

  /** @param sheetUrl the URL of sheet {@code n} (from 1), signed by the caller */
  public static String write(Storyboard board, double durationSeconds, IntFunction<String> sheetUrl) {
    long end = Math.max(1, Math.round(durationSeconds * 1000));
    StringBuilder vtt = new StringBuilder("WEBVTT\n");
    String[] urls = new String[board.sheets() + 1];
    for (int i = 0; i < board.count(); i++) {
      long from = i * board.intervalMillis();
      if (from >= end) {
        break;
      }
      boolean last = i == board.count() - 1 || (i + 1) * board.intervalMillis() >= end;
      long to = last ? end : (i + 1) * board.intervalMillis();
      int sheet = board.sheetOf(i);
      if (urls[sheet] == null) {
        urls[sheet] = sheetUrl.apply(sheet);
      }
      vtt.append('\n').append(time(from)).append(" --> ").append(time(to)).append('\n')
          .append(urls[sheet]).append("#xywh=").append(board.xOf(i)).append(',').append(board.yOf(i)).append(',')
          .append(board.tileWidth()).append(',').append(board.tileHeight()).append('\n');
      if (last) {
        break;
      }
    }
    return vtt.toString();
  }

  static String time(long millis) {
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
