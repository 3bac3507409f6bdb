package io.kinora.platform.redis;

import io.kinora.social.ratings.Ratings;
import io.kinora.support.Await;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.RedisServer;
import io.kinora.support.TestNode;
import io.kinora.video.VideoFields;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which of Kinora's Redis commands could not run on Redis Cluster, found on a real flow rather
 * than by reading code: a node does sign-up, upload to ready, playback, a comment, a rating, a
 * playlist, search and a deletion while {@code MONITOR} records every command its Redis receives.
 * A command whose keys hash to more than one slot would be refused by a cluster (CROSSSLOT). The
 * test pins that list, so a new cross-slot command fails here until docs/internals/redis-cluster.md
 * says why it needs one slot. It runs on one redis-server: no feature of Kinora runs on a real
 * Redis Cluster yet, and that document says what would have to change.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterReadinessIT {

  /** The commands and scripts that touch keys of more than one slot, as docs/internals/redis-cluster.md lists them. */
  private static final Set<String> CROSS_SLOT = Set.of(
      // search: a query combines the word sets of several words
      "DEL", "ZRANGESTORE", "ZUNIONSTORE", "script social/search/query", "script social/search/sync",
      // a video's record and the lists it is in
      "script video/create", "script video/delete", "script video/update-meta", "script social/catalogue-sync",
      // the job queue, shared by every video
      "script jobs/claim", "script jobs/enqueue", "script jobs/finish", "script jobs/requeue-abandoned",
      // accounts and what hangs off them
      "script account/create-account", "script account/create-token", "script social/playlists/create",
      "script social/playlists/add",
      // a video's social counts and their per-viewer or per-author guards
      "script social/comments/add", "script social/ratings/count", "script webhooks/enqueue-deliveries");

  /** Commands whose every argument from the first is a key ({@code DEL a b}); others name their keys below. */
  private static final Set<String> ALL_KEYS = Set.of("DEL", "UNLINK", "EXISTS", "MGET", "TOUCH", "WATCH", "SINTER",
      "SUNION", "SDIFF", "PFCOUNT");
  /** Commands with a destination then source keys, or two keys. */
  private static final Set<String> TWO_KEYS = Set.of("RENAME", "RENAMENX", "RPOPLPUSH", "LMOVE", "BLMOVE", "SMOVE",
      "COPY", "ZRANGESTORE");
  /** Commands with a destination, a count of keys, then the keys. */
  private static final Set<String> STORE_WITH_COUNT = Set.of("ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE");
  /** Commands with a count of keys first. */
  private static final Set<String> COUNT_FIRST = Set.of("ZUNION", "ZINTER", "ZDIFF", "SINTERCARD", "ZINTERCARD");
  /** Commands with a destination, then source keys. */
  private static final Set<String> STORE_ALL = Set.of("SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE");

  @Test
  void theCommandsThatWouldNeedOneSlotAreTheDocumentedOnes(Vertx vertx) throws Exception {
    Map<String, String> scripts = scriptsBySha();
    try (RedisServer redis = RedisServer.start(); TestNode node = TestNode.start(vertx, redis, Map.of())) {
      Process monitor = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "MONITOR")
          .redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      Thread reader = new Thread(() -> read(monitor, lines), "redis-monitor");
      reader.setDaemon(true);
      reader.start();
      // MONITOR answers OK once it is attached: only then does the flow start, or a busy machine
      // would let the first commands (the sign-up, the video's creation) pass unseen
      Await.until(Duration.ofSeconds(30), "MONITOR to be attached", () -> {
        synchronized (lines) {
          return !lines.isEmpty();
        }
      });
      try {
        everyFeature(vertx, node);
      } finally {
        monitor.destroy();
        reader.join(5_000);
      }

      Map<String, TreeSet<String>> crossSlot = new TreeMap<>();
      int commands = 0;
      synchronized (lines) {
        for (String line : lines) {
          List<String> args = arguments(line);
          if (args.isEmpty()) {
            continue;
          }
          commands++;
          if (args.get(0).equalsIgnoreCase("EVAL")) {
            // a script's source, sent after NOSCRIPT: the EVALSHA before it is the same call
            continue;
          }
          String name = name(args, scripts);
          List<String> keys = keys(args);
          if (keys.stream().map(ClusterSlots::slot).distinct().count() > 1) {
            crossSlot.computeIfAbsent(name, k -> new TreeSet<>()).add(String.join(" ", keys));
          }
        }
      }
      assertTrue(commands > 100, "MONITOR saw the flow: " + commands + " commands");
      StringBuilder report = new StringBuilder();
      crossSlot.forEach((name, keys) -> report.append('\n').append(name).append(": ").append(keys.first()));
      Set<String> undocumented = new TreeSet<>(crossSlot.keySet());
      undocumented.removeAll(CROSS_SLOT);
      assertEquals(Set.of(), undocumented, "commands whose keys span slots:" + report);
      // some of the list run only now and then (the reaper's requeue); these run on every upload
      assertTrue(crossSlot.keySet().containsAll(Set.of("script video/create", "script jobs/claim",
          "script social/search/query")), "the flow was seen: " + crossSlot.keySet());
    }
  }

  /** Sign-up, upload to ready, playback, comment, rating, playlist, search, delete. */
  private static void everyFeature(Vertx vertx, TestNode node) throws Exception {
    KinoraClient owner = KinoraClient.signedUp(vertx, node.httpPort());
    try {
      String id = owner.uploadReady(Clips.shortClip()).getString("id");
      owner.patchJson("/api/videos/" + id, new JsonObject().put("visibility", "public").put("title", "Harbour lights"));
      String rendition = owner.video(id).getJsonArray("renditions").getJsonObject(0).getString("name");
      owner.get(owner.firstSegment(id, rendition));
      owner.postJson("/api/videos/" + id + "/comments", new JsonObject().put("text", "nice"));
      owner.request(io.vertx.core.http.HttpMethod.PUT, "/api/videos/" + id + "/rating")
          .sendJsonObject(new JsonObject().put("rating", "like")).await(30, TimeUnit.SECONDS);
      owner.postJson("/api/videos/" + id + "/views", new JsonObject());
      JsonObject playlist = owner.postJson("/api/playlists", new JsonObject().put("title", "mine")).bodyAsJsonObject();
      owner.postJson("/api/playlists/" + playlist.getString("id") + "/videos", new JsonObject().put("videoId", id));
      owner.get("/api/search?q=harbour");
      owner.get("/api/feed");
      owner.delete("/api/videos/" + id);
    } finally {
      owner.close();
    }
  }

  private static void read(Process monitor, List<String> lines) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException closed) {
      // the monitor was stopped
    }
  }

  /** A MONITOR line's quoted arguments: {@code 1.2 [0 127.0.0.1:1] "GET" "k"}. */
  static List<String> arguments(String line) {
    List<String> args = new ArrayList<>();
    int i = line.indexOf("] \"");
    if (i < 0) {
      return args;
    }
    StringBuilder current = null;
    for (i = i + 2; i < line.length(); i++) {
      char c = line.charAt(i);
      if (current == null) {
        if (c == '"') {
          current = new StringBuilder();
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        char escaped = line.charAt(++i);
        switch (escaped) {
          case 'n' -> current.append('\n');
          case 'r' -> current.append('\r');
          case 't' -> current.append('\t');
          case 'x' -> {
            current.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
            i += 2;
          }
          default -> current.append(escaped);
        }
      } else if (c == '"') {
        args.add(current.toString());
        current = null;
      } else {
        current.append(c);
      }
    }
    return args;
  }

  private static String name(List<String> args, Map<String, String> scripts) {
    String command = args.get(0).toUpperCase();
    if (command.equals("EVALSHA")) {
      String script = scripts.get(args.get(1));
      return "script " + (script == null ? "(unknown " + args.get(1) + ")" : script);
    }
    return command;
  }

  static List<String> keys(List<String> args) {
    String command = args.get(0).toUpperCase();
    if (command.equals("EVALSHA") || command.equals("EVAL")) {
      int count = Integer.parseInt(args.get(2));
      return args.subList(3, 3 + count);
    }
    if (ALL_KEYS.contains(command) || STORE_ALL.contains(command)) {
      return args.subList(1, args.size());
    }
    if (TWO_KEYS.contains(command)) {
      return args.subList(1, Math.min(3, args.size()));
    }
    if (STORE_WITH_COUNT.contains(command)) {
      List<String> keys = new ArrayList<>(List.of(args.get(1)));
      keys.addAll(args.subList(3, 3 + Integer.parseInt(args.get(2))));
      return keys;
    }
    if (COUNT_FIRST.contains(command)) {
      return args.subList(2, 2 + Integer.parseInt(args.get(1)));
    }
    if (command.equals("MSET") || command.equals("MSETNX")) {
      List<String> keys = new ArrayList<>();
      for (int i = 1; i < args.size(); i += 2) {
        keys.add(args.get(i));
      }
      return keys;
    }
    return args.size() > 1 ? List.of(args.get(1)) : List.of();
  }

  /** Every script under lua/, by the SHA-1 the nodes call it by. */
  private static Map<String, String> scriptsBySha() throws IOException, URISyntaxException {
    Map<String, String> words = new HashMap<>(VideoFields.SCRIPT_WORDS);
    words.putAll(Ratings.Rating.SCRIPT_WORDS);
    Path root = Path.of(ClusterReadinessIT.class.getClassLoader().getResource("lua").toURI());
    Map<String, String> bySha = new HashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".lua")).toList()) {
        String name = root.relativize(file).toString().replace(".lua", "");
        bySha.put(LuaScript.load(name, words).sha1(), name);
      }
    }
    return bySha;
  }
}
