package io.kinora.video;

import java.util.HashMap;
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

  /** The hash fields that make the record playable from this attempt's prefix. */
  public Map<String, String> fields() {
    Map<String, String> fields = new HashMap<>();
    fields.put(VideoRepository.PLAYABLE, "1");
    fields.put("output", output);
    fields.put("durationSeconds", Double.toString(durationSeconds));
    fields.put("width", Integer.toString(width));
    fields.put("height", Integer.toString(height));
    fields.put("renditions", Rendition.toJsonArray(renditions));
    fields.put(VideoRepository.SEGMENT_FORMAT, SegmentFormat.FMP4.wire());
    fields.put(VideoRepository.AUDIO, audio == null ? "" : audio.toJson().encode());
    return fields;
  }
}
