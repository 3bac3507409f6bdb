package io.kinora.platform.http;

/** A page of a list read by cursor: entries after {@code after} (null: from the start), at most {@code limit}. */
public record CursorRequest(PageCursor after, int limit) {
}
