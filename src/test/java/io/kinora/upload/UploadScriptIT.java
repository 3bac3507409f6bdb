package io.kinora.upload;

import io.kinora.platform.s3.ObjectKeys;
import io.kinora.platform.s3.ObjectStorage;
import io.kinora.platform.s3.StorageSettings;
import io.kinora.support.Clips;
import io.kinora.support.KinoraClient;
import io.kinora.support.KinoraTest;
import io.kinora.support.TestNode;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/kinora-upload}, the Python script the README gives scripts, run for real against a
 * node: stopped part-way, it resumes by asking the server which parts storage holds and sends
 * only the others. Parts are 5 MiB here (S3's floor), so 4 s of noise makes seven of them.
 */
@KinoraTest(group = "parts", settings = {"KINORA_UPLOAD_PART_MB=5", "KINORA_UPLOAD_SWEEP_SECONDS=1"})
class UploadScriptIT {

  private static final long PART = 5L * 1024 * 1024;
  private static final Path SCRIPT = Path.of("bin/kinora-upload").toAbsolutePath();

  static KinoraClient client;
  static TestNode node;

  private static Path clip;
  private static int partCount;

  @TempDir
  Path home;

  @BeforeAll
  static void makeClip() throws Exception {
    // lossless noise barely compresses: about 36 MB for 4 s at 640x360, yet quick to transcode
    clip = Clips.ffmpeg(Files.createTempDirectory("kinora-script-").resolve("noise.mp4"),
        "-f", "lavfi", "-i", "nullsrc=size=640x360:rate=25:duration=4,geq=lum='random(1)*255':cb=128:cr=128",
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
        "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    partCount = (int) ((Files.size(clip) + PART - 1) / PART);
    assertTrue(partCount >= 6, "the clip must make at least six parts, has " + Files.size(clip) + " bytes");
  }

  /** What one run of the script printed and how it ended. */
  record Run(int exit, String out, String err) {
  }

  /** Runs the script as a person would, with the token in the environment and its cache in {@link #home}. */
  private Run scriptWithToken(String token, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("KINORA_URL", node.baseUrl());
    env.put("KINORA_TOKEN", token);
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    // loopback must not go through a proxy someone's shell has set
    env.keySet().removeIf(name -> name.toLowerCase().endsWith("_proxy"));
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the script did not end within 3 minutes: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run script(String... args) throws Exception {
    return scriptWithToken(client.token(), args);
  }

  private static String createdId(Run run) {
    Matcher created = Pattern.compile("Created upload (\\S+):").matcher(run.err());
    assertTrue(created.find(), run.err());
    return created.group(1);
  }

  private static List<Integer> storedParts(String id) {
    HttpResponse<Buffer> listed = client.get("/api/uploads/" + id + "/parts");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    List<Integer> numbers = new ArrayList<>();
    for (Object part : listed.bodyAsJsonObject().getJsonArray("parts")) {
      JsonObject p = (JsonObject) part;
      assertEquals(PART, p.getLong("size"), "a whole part: " + p.encode());
      numbers.add(p.getInteger("partNumber"));
    }
    return numbers;
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The checksum of what storage holds as the video's original, read with the node's credentials. */
  private static String storedOriginalSha256(String id) throws Exception {
    StorageSettings s3 = node.config().storage();
    MinioClient storage = MinioClient.builder().endpoint(s3.nodeEndpoint()).region(s3.region())
        .credentials(s3.accessKey(), s3.secretKey()).build();
    try (InputStream original = storage.getObject(GetObjectArgs.builder().bucket(ObjectStorage.UPLOADS)
        .object(ObjectKeys.original(id)).build())) {
      return sha256(original);
    }
  }

  @Test
  void aStoppedUploadResumesWithOnlyTheMissingPartsAndStorageHoldsTheExactFile() throws Exception {
    Path state = home.resolve("noise.json");

    Run first = script(clip.toString(), "--title", "Resumed", "--state", state.toString(), "--max-parts", "3");

    assertEquals(3, first.exit(), first.err());
    assertTrue(first.err().contains("Stopped as --max-parts asked: " + (partCount - 3) + " parts still missing."), first.err());
    String id = new JsonObject(Files.readString(state)).getString("id");
    assertEquals(createdId(first), id);
    assertEquals(List.of(1, 2, 3), storedParts(id), "what storage holds after the first run");
    assertEquals("awaiting_upload", client.video(id).getString("status"));

    Run second = script(clip.toString(), "--title", "Resumed", "--state", state.toString(), "--wait");

    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("3 of " + partCount + " parts already in storage."), second.err());
    assertTrue(second.err().contains("Sending " + (partCount - 3) + " parts: 4-" + partCount + "\n"), second.err());
    assertFalse(second.err().contains("Created upload"), "no second upload: " + second.err());
    assertEquals("id " + id + "\nwatch " + node.baseUrl() + "/watch/" + id + "\n", second.out());
    JsonObject video = client.video(id);
    assertEquals("ready", video.getString("status"), "--wait returns once the video is ready");
    assertEquals("Resumed", video.getString("title"));
    try (InputStream original = Files.newInputStream(clip)) {
      assertEquals(sha256(original), storedOriginalSha256(id), "storage holds the file byte for byte");
    }
  }

  @Test
  void theSameCommandAfterItFinishedSendsNothingAndNamesTheSameVideo() throws Exception {
    Path small = Clips.shortClip();
    Run first = script(small.toString());
    assertEquals(0, first.exit(), first.err());
    long videos = client.total();

    Run again = script(small.toString());

    assertEquals(0, again.exit(), again.err());
    assertEquals(first.out(), again.out(), "the same video id and watch URL");
    assertTrue(again.err().contains("was completed by an earlier run"), again.err());
    assertFalse(again.err().contains("Sending"), again.err());
    assertEquals(videos, client.total(), "no new video");
  }

  @Test
  void anUploadDeletedSinceTheLastRunIsStartedAfresh() throws Exception {
    Path state = home.resolve("gone.json");
    String abandoned = createdId(script(clip.toString(), "--state", state.toString(), "--max-parts", "1"));
    assertEquals(204, client.delete("/api/uploads/" + abandoned).statusCode());

    Run again = script(clip.toString(), "--state", state.toString(), "--max-parts", "1");

    assertEquals(3, again.exit(), again.err());
    assertTrue(again.err().contains("The earlier upload " + abandoned + " is gone (expired or deleted); starting a new one."),
        again.err());
    String fresh = createdId(again);
    assertNotEquals(abandoned, fresh);
    assertEquals(List.of(1), storedParts(fresh));
    assertEquals(204, client.delete("/api/uploads/" + fresh).statusCode());
  }

  @Test
  void aStateFileMadeForAnotherFileIsRefusedBeforeAnyPartIsSent() throws Exception {
    Path state = home.resolve("noise.json");
    String begun = createdId(script(clip.toString(), "--state", state.toString(), "--max-parts", "1"));

    Run other = script(Clips.shortClip().toString(), "--state", state.toString());

    assertEquals(1, other.exit(), other.err());
    assertTrue(other.err().contains("is for " + clip.toAbsolutePath() + " as it was when its upload began, not this file"),
        other.err());
    assertEquals(List.of(1), storedParts(begun), "the other file's bytes never joined the upload");
    assertEquals(204, client.delete("/api/uploads/" + begun).statusCode());
  }

  @Test
  void aRefusedTokenEndsTheRunWithTheServersAnswerAndWhatToCheck() throws Exception {
    Run refused = scriptWithToken("kinora_not-a-real-token", clip.toString());

    assertEquals(1, refused.exit(), refused.err());
    assertTrue(refused.err().startsWith("Could not create the upload: "), refused.err());
    assertTrue(refused.err().contains("(HTTP 401). Check KINORA_TOKEN"), refused.err());
    assertEquals("", refused.out());
  }
}
