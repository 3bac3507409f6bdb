package io.kinora.platform.http;

/** The HTTP server of a node: where the API, the UI and (without an edge) signed media are served. */
public record HttpSettings(int port) {
}
