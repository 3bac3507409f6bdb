package io.kinora.captions;

import io.kinora.support.Clips;
import io.kinora.video.captions.CaptionFile;
import io.kinora.video.captions.CaptionStore;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Caption tracks through the API on the shared node: an SRT becoming a WebVTT track that the
 * HLS master playlist, its subtitle playlist and the DASH manifest all name; hostile files; who
 * may read and change tracks; the track limit under parallel requests.
 */
@KinoraTest
@Tag("fast")
class CaptionsIT {

  static final String SRT = "1\n00:00:00,500 --> 00:00:01,500\nHello <b>there</b>\n\n"
      + "2\n00:00:01,600 --> 00:00:02,800\n<script>alert('x')</script>Second line\n";

  static KinoraClient client;
  static RedisServer redis;
  private static KinoraClient other;
  private static KinoraClient stranger;
  private static String readyId;

  @BeforeAll
  static void start() throws Exception {
    other = KinoraClient.signedUp(client.vertx(), client.port());
    stranger = new KinoraClient(client.vertx(), client.port());
    readyId = client.upload(Clips.shortClip());
    client.awaitReady(readyId);
  }

  @Test
  void anSrtBecomesAWebVttTrackThatTheHlsAndDashManifestsName() {
    HttpResponse<Buffer> put = put(client, readyId, "en?label=English%20(CC)", "application/x-subrip", SRT);
    assertEquals(201, put.statusCode(), put.bodyAsString());
    assertEquals(new JsonObject().put("language", "en").put("label", "English (CC)").put("default", false)
        .put("source", "uploaded").put("cues", 2).put("url", "/api/videos/" + readyId + "/captions/en.vtt"), put.bodyAsJsonObject());

    HttpResponse<Buffer> vtt = client.get("/api/videos/" + readyId + "/captions/en.vtt");
    assertEquals(200, vtt.statusCode());
    assertTrue(vtt.getHeader("Content-Type").startsWith("text/vtt"));
    assertEquals("WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHello <b>there</b>\n\n00:00:01.600 --> 00:00:02.800\nSecond line\n",
        vtt.bodyAsString());

    String master = client.get("/api/videos/" + readyId + "/master.m3u8").bodyAsString();
    assertTrue(master.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English (CC)\",LANGUAGE=\"en\""), master);
    String subtitles = client.get("/api/videos/" + readyId + "/captions/en.m3u8").bodyAsString();
    assertTrue(subtitles.contains("\n/api/videos/" + readyId + "/captions/en.vtt\n#EXT-X-ENDLIST"), subtitles);
    String mpd = client.get("/api/videos/" + readyId + "/manifest.mpd").bodyAsString();
    assertTrue(mpd.contains("<BaseURL>/api/videos/" + readyId + "/captions/en.vtt</BaseURL>"), mpd);
    assertEquals(1, client.video(readyId).getJsonArray("captions").size());
  }

  @Test
  void anMkvWithTwoSubtitleLanguagesBecomesTwoTracksAndTheOwnersOwnTrackStays(@TempDir Path dir) throws Exception {
    Path english = Files.writeString(dir.resolve("en.srt"), "1\n00:00:00,100 --> 00:00:00,900\nFrom the file\n");
    Path french = Files.writeString(dir.resolve("fr.srt"),
        "1\n00:00:00,100 --> 00:00:00,900\n<font color=\"red\">Du fichier</font><script>x()</script>\n");
    Path mkv = Clips.ffmpeg(dir.resolve("subtitled.mkv"), "-i", Clips.shortClip().toString(), "-i", english.toString(),
        "-i", french.toString(), "-map", "0", "-map", "1", "-map", "2", "-c:v", "copy", "-c:a", "copy", "-c:s", "srt",
        "-metadata:s:s:0", "language=eng", "-metadata:s:s:1", "language=fre", "-metadata:s:s:1", "title=Français (France)");
    JsonObject created = client.createUpload("subtitled.mkv", Files.size(mkv));
    String id = created.getString("id");
    // the owner's own English track, sent before processing, is not replaced by the file's
    assertEquals(201, put(client, id, "en?label=Mine", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nmine\n").statusCode());
    assertEquals(200, client.putToStorage(created.getString("uploadUrl"), mkv));
    client.complete(id);
    client.awaitReady(id);

    JsonArray tracks = client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("en uploaded Mine", "fr embedded Français (France)"), tracks.stream().map(JsonObject.class::cast)
        .map(t -> t.getString("language") + " " + t.getString("source") + " " + t.getString("label")).toList());
    // ffmpeg's SubRip reader already drops the tags it does not know, leaving their text as text;
    // the times keep the file's own start offset (a few milliseconds in this MKV)
    String frenchVtt = client.get("/api/videos/" + id + "/captions/fr.vtt").bodyAsString();
    assertTrue(frenchVtt.matches("WEBVTT\n\n00:00:00\\.1\\d\\d --> 00:00:00\\.9\\d\\d\nDu fichierx\\(\\)\n"), frenchVtt);
    assertTrue(client.get("/api/videos/" + id + "/captions/en.vtt").bodyAsString().contains("mine"));
  }

  @Test
  void movTextInAnMp4AndAssInAnMkvBecomeTracksToo(@TempDir Path dir) throws Exception {
    Path srt = Files.writeString(dir.resolve("s.srt"), "1\n00:00:00,100 --> 00:00:00,900\n{\\an8}Arriba\n");
    Path mp4 = Clips.ffmpeg(dir.resolve("movtext.mp4"), "-i", Clips.shortClip().toString(), "-i", srt.toString(),
        "-map", "0", "-map", "1", "-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text", "-metadata:s:s:0", "language=spa");
    Path mkv = Clips.ffmpeg(dir.resolve("ass.mkv"), "-i", Clips.shortClip().toString(), "-i", srt.toString(),
        "-map", "0", "-map", "1", "-c:v", "copy", "-c:a", "copy", "-c:s", "ass", "-metadata:s:s:0", "language=ita");
    for (Path file : List.of(mp4, mkv)) {
      String id = client.upload(file);
      client.awaitReady(id);
      String language = file == mp4 ? "es" : "it";
      JsonArray tracks = client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items");
      assertEquals(List.of(language + " embedded"), tracks.stream().map(JsonObject.class::cast)
          .map(t -> t.getString("language") + " " + t.getString("source")).toList(), file.toString());
      String vtt = client.get("/api/videos/" + id + "/captions/" + language + ".vtt").bodyAsString();
      assertTrue(vtt.endsWith("\nArriba\n"), vtt);
    }
  }

  @Test
  void replacingATrackKeepsOneTrackPerLanguageAndOnlyOneIsTheDefault() {
    String id = record(client, "public");
    assertEquals(201, put(client, id, "fr?default=true", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nBonjour\n").statusCode());
    assertEquals(201, put(client, id, "de", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHallo\n").statusCode());
    assertEquals(200, put(client, id, "FR", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nSalut\n").statusCode());
    assertEquals("Salut", client.get("/api/videos/" + id + "/captions/fr.vtt").bodyAsString().split("\n")[3]);

    HttpResponse<Buffer> made = client.patchJson("/api/videos/" + id + "/captions/de", new JsonObject().put("default", true));
    assertEquals(200, made.statusCode(), made.bodyAsString());
    JsonArray tracks = client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items");
    Map<String, Boolean> defaults = tracks.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(t -> t.getString("language"), t -> t.getBoolean("default")));
    assertEquals(Map.of("fr", false, "de", true), defaults);
    assertEquals("Français", tracks.getJsonObject(0).getString("label"), "a track without a label gets its language's own name");
  }

  @Test
  void deletingATrackRemovesItsFileAndDeletingTheVideoRemovesThemAll() throws Exception {
    String id = record(client, "public");
    put(client, id, "es", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHola\n");
    put(client, id, "it", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nCiao\n");
    assertEquals(204, client.delete("/api/videos/" + id + "/captions/es").statusCode());
    assertEquals(404, client.get("/api/videos/" + id + "/captions/es.vtt").statusCode());
    assertEquals(404, client.delete("/api/videos/" + id + "/captions/es").statusCode());
    assertEquals(List.of("it"), redis.cli("HKEYS", "kinora:video:{" + id + "}:captions").lines().toList());

    assertEquals(204, client.delete("/api/videos/" + id).statusCode());
    assertEquals("0", redis.cli("EXISTS", "kinora:video:{" + id + "}:captions").strip());
  }

  @Test
  void hostileFilesAreRefusedWithASentenceAndStoreNothing() {
    String id = record(client, "public");
    byte[] latin1 = "1\n00:00:01,000 --> 00:00:02,000\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<Buffer> latin = send(client, HttpMethod.PUT, id, "pt", "application/x-subrip", Buffer.buffer(latin1));
    assertEquals(400, latin.statusCode());
    assertTrue(latin.bodyAsJsonObject().getString("error").contains("Save it as UTF-8"), latin.bodyAsString());

    byte[] garbage = new byte[64 * 1024];
    new java.util.Random(3).nextBytes(garbage);
    assertEquals(400, send(client, HttpMethod.PUT, id, "pt", "text/vtt", Buffer.buffer(garbage)).statusCode());
    assertEquals(400, put(client, id, "pt", "application/json", "{}").statusCode(), "not a caption type");
    assertEquals(400, put(client, id, "not_a_language", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nx\n").statusCode());
    assertEquals(400, put(client, id, "pt?label=%22%3E%3Cscript%3E", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nx\n").statusCode());

    Buffer fifty = Buffer.buffer(new byte[50 * 1024 * 1024]);
    HttpResponse<Buffer> big = send(client, HttpMethod.PUT, id, "pt", "text/vtt", fifty);
    assertEquals(413, big.statusCode());
    assertTrue(big.bodyAsJsonObject().getString("error").startsWith("The caption file is larger than 1024 KiB"));

    assertEquals(0, client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  void aBodyThatGrowsPastTheLimitWithoutSayingItsLengthIsCutOff() throws Exception {
    String id = record(client, "public");
    // chunked, no Content-Length: three times the limit, which the node must stop reading at the limit
    java.net.http.HttpRequest endless = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(client.baseUrl() + "/api/videos/" + id + "/captions/nl"))
        .header("Authorization", "Bearer " + client.token()).header("Content-Type", "text/vtt")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(new byte[CaptionFile.MAX_BYTES * 3])))
        .build();
    try {
      int status = java.net.http.HttpClient.newHttpClient().send(endless, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      assertEquals(413, status);
    } catch (java.io.IOException closedWhileSending) {
      // the node answered 413 and closed the connection before the client had sent everything
    }
    assertEquals(0, client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  void strangersCannotSeeAPrivateVideosTracksAndOnlyTheOwnerChangesThem() {
    String privateId = record(client, "private");
    String unlistedId = record(client, "unlisted");
    for (String id : List.of(privateId, unlistedId)) {
      assertEquals(201, put(client, id, "en", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nmine\n").statusCode());
    }
    for (String path : List.of("", "/en.vtt", "/en.m3u8")) {
      assertEquals(404, stranger.get("/api/videos/" + privateId + "/captions" + path).statusCode(), path);
      assertEquals(404, other.get("/api/videos/" + privateId + "/captions" + path).statusCode(), path);
    }
    assertEquals(200, stranger.get("/api/videos/" + unlistedId + "/captions/en.vtt").statusCode());

    assertEquals(404, put(other, privateId, "en", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nyours\n").statusCode());
    assertEquals(403, put(other, unlistedId, "en", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nyours\n").statusCode());
    assertEquals(403, other.delete("/api/videos/" + unlistedId + "/captions/en").statusCode());
    assertEquals(403, other.patchJson("/api/videos/" + unlistedId + "/captions/en", new JsonObject().put("label", "x")).statusCode());
    assertEquals(401, put(stranger, unlistedId, "en", "text/vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nyours\n").statusCode());
    assertTrue(client.get("/api/videos/" + unlistedId + "/captions/en.vtt").bodyAsString().contains("mine"));
  }

  @Test
  void manyTracksAddedAtOnceNeverPassTheLimit() {
    String id = record(client, "public");
    List<String> languages = List.of("aa", "ab", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be",
        "bg", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr");
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (String language : languages) {
      all.add(client.request(HttpMethod.PUT, "/api/videos/" + id + "/captions/" + language).putHeader("Content-Type", "text/vtt")
          .sendBuffer(Buffer.buffer("WEBVTT\n\n00:01.000 --> 00:02.000\n" + language + "\n")));
    }
    Map<Integer, Long> statuses = KinoraClient.await(Future.all(all)).list().stream()
        .map(r -> ((HttpResponse<?>) r).statusCode()).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertEquals(Map.of(201, (long) CaptionStore.MAX_TRACKS, 409, (long) languages.size() - CaptionStore.MAX_TRACKS), statuses);
    assertEquals(CaptionStore.MAX_TRACKS, client.get("/api/videos/" + id + "/captions").bodyAsJsonObject().getJsonArray("items").size());
  }

  private static HttpResponse<Buffer> put(KinoraClient who, String id, String languageAndQuery, String type, String body) {
    return send(who, HttpMethod.PUT, id, languageAndQuery, type, Buffer.buffer(body));
  }

  private static HttpResponse<Buffer> send(KinoraClient who, HttpMethod method, String id, String languageAndQuery,
                                           String type, Buffer body) {
    return KinoraClient.await(who.request(method, "/api/videos/" + id + "/captions/" + languageAndQuery)
        .putHeader("Content-Type", type).sendBuffer(body).recover(err -> Future.failedFuture(new AssertionError(err))));
  }

  /** A video record that never gets its upload: tracks may be added before the file arrives. */
  private static String record(KinoraClient who, String visibility) {
    return who.postJson("/api/uploads", new JsonObject().put("filename", "r.mp4").put("size", 1000)
        .put("visibility", visibility)).bodyAsJsonObject().getString("id");
  }
}
