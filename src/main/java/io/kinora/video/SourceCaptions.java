package io.kinora.video;

/**
 * A caption track found inside the uploaded file, as processing left it: the track (its source
 * {@link CaptionTrack.Source#EMBEDDED}) and its WebVTT, already checked and made safe.
 */
public record SourceCaptions(CaptionTrack track, String webVtt) {
}
