package io.kinora.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a text/event-stream response into events (and heartbeat comments) as they arrive. */
public final class SseReader implements AutoCloseable {

  /** One SSE event; comments (heartbeats) come through as events named "comment". */
  public record Event(String id, String name, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private static final Event END = new Event(null, "end", null);

  private final HttpClient client;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final StringBuilder pending = new StringBuilder();
  private final int status;

  private SseReader(HttpClient client, int status) {
    this.client = client;
    this.status = status;
  }

  public static SseReader open(Vertx vertx, int port, String path, String lastEventId) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path)
        .putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    // The handlers are set in a callback chained inside compose, which runs on the connection's
    // event loop as the headers arrive. Chained from this (test) thread instead, a slow thread
    // could add them after the first chunk was delivered to no one, and the first event is lost.
    return KinoraClient.await(client.request(options).compose(req -> req.send().map(response -> {
      SseReader r = new SseReader(client, response.statusCode());
      response.handler(chunk -> r.feed(chunk.toString()));
      response.endHandler(v -> r.events.add(END));
      return r;
    })));
  }

  public int status() {
    return status;
  }

  private synchronized void feed(String text) {
    pending.append(text.replace("\r\n", "\n"));
    int split;
    while ((split = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, split);
      pending.delete(0, split + 2);
      String id = null;
      String name = "message";
      StringBuilder data = new StringBuilder();
      boolean comment = false;
      for (String line : block.split("\n")) {
        if (line.startsWith(":")) {
          comment = true;
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      if (comment && data.length() == 0) {
        events.add(new Event(null, "comment", block));
      } else if (data.length() > 0) {
        events.add(new Event(id, name, data.toString()));
      }
    }
  }

  /** The next event or comment, or null when the stream ended; fails after the timeout. */
  public Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("no SSE event within " + timeout);
    }
    return event == END ? null : event;
  }

  /** The next data event, past any heartbeat (a busy machine may deliver one first); null when the stream ended. */
  public Event nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (event == null || !event.data().startsWith(":")) {
        return event;
      }
    }
  }

  /** Every data event until the server ends the stream (comments skipped). */
  public List<Event> untilEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Event> all = new ArrayList<>();
    while (true) {
      Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (event == null) {
        return all;
      }
      if (!event.name().equals("comment")) {
        all.add(event);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
