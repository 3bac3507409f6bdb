package io.kinora.video.captions;

/** One caption: shown from {@code startMillis} until {@code endMillis}, its text already made safe ({@link CueText}). */
public record Cue(long startMillis, long endMillis, String settings, String text) {
}
