package io.kinora.video;

import java.util.List;
import java.util.Map;

/**
 * What a finished processing run produced: the source's duration and display size, the ladder,
 * the raw variant playlists by rendition name, and {@code output}, the attempt's prefix under
* {@code media/{id}/}, the segments' container, the audio-only rendition of an fMP4 ladder
 * (null when the source has no audio; its playlist is in {@code playlists} under its name), the
 * MP4 downloads it wrote, its storyboard layout (null if none) and the caption tracks of the
 * file's own subtitle streams, and the source audio's loudness before it was normalised (null
 * when it was not measured: no audio, silence, or normalisation off).
 */
public record ProcessedVideo(double durationSeconds, int width, int height, List<Rendition> renditions,
                             Map<String, String> playlists, String output, SegmentFormat segmentFormat,
                             Rendition audio, List<Download> downloads, Storyboard storyboard,
                             List<SourceCaptions> captions, SourceLoudness sourceLoudness) {
}
