package io.kinora;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps a node of its own (not {@code @KinoraTest}): the point is the Vert.x it runs on.
 *
 * <p>Runs a whole upload → transcode → playback on a Vert.x whose blocked-thread checker fires after
 * 100 ms on an event loop, and fails if it ever fired: ffmpeg, the MinIO SDK and file I/O must
 * all stay off the event loops.
 */
@Tag("alone")
class EventLoopNeverBlockedIT {

  private static final String CHECKER = "io.vertx.core.internal.threadchecker.BlockedThreadChecker";

  @TempDir
  Path clips;

  @Test
  void fullFlowNeverBlocksAnEventLoopFor100Milliseconds() throws Exception {
    Logger checker = (Logger) LoggerFactory.getLogger(CHECKER);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    checker.addAppender(warnings);
    Vertx vertx = Vertx.vertx(new VertxOptions()
        .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(20).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    try (RedisServer redis = RedisServer.start();
         TestNode node = TestNode.start(vertx, redis, Map.of())) {
      KinoraClient client = KinoraClient.signedUp(vertx, node.httpPort());
      String id = client.upload(Clips.mp4(clips, "loop.mp4", 640, 360, 3));
      client.awaitReady(id);
      client.get("/api/videos/" + id + "/master.m3u8");
      assertEquals(200, client.get(client.firstSegment(id, "360p")).statusCode());
      assertEquals(200, client.get("/api/videos/" + id + "/poster.jpg").statusCode());
      assertEquals(204, client.delete("/api/videos/" + id).statusCode());
    } finally {
      KinoraClient.await(vertx.close());
      checker.detachAppender(warnings);
    }
    List<String> blocked = warnings.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .filter(e -> e.getThreadName() == null || !e.getFormattedMessage().contains("worker"))
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("eventloop"))
        .toList();
    assertEquals(List.of(), blocked, "event loops were blocked");
  }
}
