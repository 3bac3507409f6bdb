package io.kinora.video;

import java.util.List;
import java.util.Map;

/**
 * What a run still under way has put in storage: every rendition's init file and first segments,
 * and its playlists so far (EVENT playlists without an end, listing only stored segments). From
 * the first one on, the video plays while it is processing. The duration and display size are
 * the probe's; the renditions' bandwidths are the encoder's targets until the run ends and
 * measures them.
 */
public record PartialOutput(String output, double durationSeconds, int width, int height,
                            List<Rendition> renditions, Rendition audio, Map<String, String> playlists) {

  public PartialOutput {
    renditions = List.copyOf(renditions);
    playlists = Map.copyOf(playlists);
  }
}
