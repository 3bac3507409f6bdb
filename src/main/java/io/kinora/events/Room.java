package io.kinora.events;

import io.kinora.platform.bus.Addresses;
import io.kinora.video.StatusEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The live streams of one video on one event loop. The room is a single event-bus consumer: each
 * status event or comment is decoded and encoded as an SSE frame once and written to every stream,
 * so 10,000 viewers of an all-hands video cost one delivery per event loop, not 10,000
 * deliveries, copies and encodings. Confined to its event loop, like its streams, so it needs no
 * locks. The last stream to leave closes it.
 */
final class Room {

  record Key(String videoId, Thread loop) {
  }

  /** The header that marks a comment on the room's address (status events carry none). */
  static final String KIND = "kind";
  static final String COMMENT = "comment";

  private final Key key;
  private final BiConsumer<Key, Room> closed;
  private final Set<EventsApi.Stream> streams = new LinkedHashSet<>();
  private final MessageConsumer<JsonObject> consumer;

  Room(Vertx vertx, Key key, BiConsumer<Key, Room> closed) {
    this.key = key;
    this.closed = closed;
    this.consumer = vertx.eventBus().localConsumer(Addresses.sseVideo(key.videoId()), this::receive);
  }

  /** Completes once the room hears every event from now on. */
  Future<Void> join(EventsApi.Stream stream) {
    streams.add(stream);
    return consumer.completion();
  }

  void leave(EventsApi.Stream stream) {
    if (streams.remove(stream) && streams.isEmpty()) {
      closed.accept(key, this);
      consumer.unregister();
    }
  }

  private void receive(Message<JsonObject> message) {
    if (COMMENT.equals(message.headers().get(KIND))) {
      broadcastComment(message.body());
    } else {
      broadcast(StatusEvent.fromJson(message.body()));
    }
  }

  private void broadcast(StatusEvent event) {
    Buffer frame = frame(event);
    // a stream that ends on this event leaves the room while we go through it
    for (EventsApi.Stream stream : new ArrayList<>(streams)) {
      stream.onEvent(event, frame);
    }
  }

  private void broadcastComment(JsonObject news) {
    Buffer frame = commentFrame(news);
    for (EventsApi.Stream stream : new ArrayList<>(streams)) {
      stream.onComment(frame);
    }
  }

  /**
   * {@code event: comment} with {@code {type, comment}}, and no {@code id:} line, so a client's
   * Last-Event-ID keeps naming the last status event.
   */
  static Buffer commentFrame(JsonObject news) {
    JsonObject data = new JsonObject().put("type", news.getString("type")).put("comment", news.getJsonObject("comment"));
    return Buffer.buffer("event: comment\ndata: " + data.encode() + "\n\n");
  }

  static Buffer frame(StatusEvent event) {
    return Buffer.buffer("id: " + event.seq() + "\nevent: " + event.eventName() + "\ndata: "
        + event.data().encode() + "\n\n");
  }
}
