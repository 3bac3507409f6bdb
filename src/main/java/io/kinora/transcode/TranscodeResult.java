package io.kinora.transcode;

import io.kinora.store.Rendition;

import java.util.List;
import java.util.Map;

/**
 * What a successful transcode produced: playlists are the raw variant playlists by rendition
 * name, {@code output} the attempt's prefix under {@code media/{id}/}.
 */
public record TranscodeResult(SourceInfo source, List<Rendition> renditions, Map<String, String> playlists,
                              String output) {
}
