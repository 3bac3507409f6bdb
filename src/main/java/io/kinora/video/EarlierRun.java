package io.kinora.video;

import java.util.Map;

/**
 * What an interrupted attempt of a video left behind: the output prefix it stored segments under,
 * and its playlists cut to the segments stored there (the ones viewers play). A later attempt may
 * keep those segments and continue after them instead of starting again from zero.
 */
public record EarlierRun(String output, Map<String, String> playlists) {

  public EarlierRun {
    playlists = Map.copyOf(playlists);
  }
}
