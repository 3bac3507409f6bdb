package io.kinora.captions;

/** One caption: shown from {@code startMillis} until {@code endMillis}, its text already made safe ({@link CueText}). */
record Cue(long startMillis, long endMillis, String settings, String text) {
}
