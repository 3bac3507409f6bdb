package io.kinora.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KinoraConfigTest {

  @BeforeEach
  void environmentDoesNotConfigureKinora() {
    // load() lets environment variables override the defaults; these tests are about the defaults
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("KINORA_")),
        "KINORA_* environment variables are set: " + System.getenv().keySet().stream()
            .filter(k -> k.startsWith("KINORA_")).toList());
  }

  @Test
  void defaultsComeFromTheBundledConfFile() {
    KinoraConfig c = KinoraConfig.load(Map.of());

    assertEquals(8080, c.http().port());
    assertEquals(1, c.jobs().slots());
    assertEquals(List.of(1080, 720, 480, 360), c.transcode().ladder());
    assertEquals(4, c.transcode().segmentSeconds());
    assertEquals("veryfast", c.transcode().x264Preset());
    assertEquals(3600, c.signing().ttlSeconds());
    assertEquals(21_474_836_480L, c.limits().maxBytes());
    assertEquals(14_400, c.limits().maxDurationSeconds());
    assertEquals(8192, c.limits().maxDimension());
    assertEquals("redis://127.0.0.1:6379", c.redis().url());
  }

  @Test
  void trustedProxiesAreNoneByDefaultAndParsedOnce() {
    assertTrue(KinoraConfig.load(Map.of()).http().trustedProxies().isEmpty());

    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_TRUSTED_PROXIES", "172.16.0.0/12, ::1"));

    assertTrue(c.http().trustedProxies().contains("172.20.0.5"));
    assertTrue(c.http().trustedProxies().contains("::1"));
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> KinoraConfig.load(Map.of("KINORA_TRUSTED_PROXIES", "edge.local")));
    assertTrue(wrong.getMessage().contains("KINORA_TRUSTED_PROXIES"), wrong.getMessage());
  }

  @Test
  void blankListsInTheDefaultsAreEmpty() {
    assertEquals(List.of(), KinoraConfig.load(Map.of()).cluster().members());
  }

  @Test
  void byDefaultStorageIsTheEmbeddedS3OnItsPort() {
    KinoraConfig c = KinoraConfig.load(Map.of());

    assertTrue(c.storage().embedded());
    assertEquals("http://127.0.0.1:9000", c.storage().nodeEndpoint());
    assertEquals("http://127.0.0.1:9000", c.storage().browserEndpoint());
  }

  @Test
  void overridesWinOverTheDefaults() {
    KinoraConfig c = KinoraConfig.load(Map.of(
        "KINORA_HTTP_PORT", "9090",
        "KINORA_TRANSCODE_SLOTS", "0",
        "KINORA_LADDER", "2160, 1440,1080",
        "KINORA_SIGNING_SECRET", "s3cret"));

    assertEquals(9090, c.http().port());
    assertEquals(0, c.jobs().slots());
    assertEquals(List.of(2160, 1440, 1080), c.transcode().ladder());
    assertEquals("s3cret", c.signing().secret());
  }

  @Test
  void overrideValuesAreTrimmed() {
    assertEquals(9090, KinoraConfig.load(Map.of("KINORA_HTTP_PORT", " 9090 ")).http().port());
  }

  @Test
  void clusterMembersAreACommaSeparatedList() {
    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701,,"));

    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), c.cluster().members());
  }

  @Test
  void unknownKeysAreIgnored() {
    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_NO_SUCH_SETTING", "x"));

    assertEquals(8080, c.http().port());
  }

  @Test
  void dataDirIsMadeAbsolute() {
    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_DATA_DIR", "some/../data"));

    assertTrue(c.dataDir().isAbsolute());
    assertEquals(Path.of("data").toAbsolutePath().normalize(), c.dataDir());
    assertEquals(c.dataDir().resolve("tmp"), c.tempDir());
  }

  @Test
  void externalS3EndpointTurnsOffTheEmbeddedServer() {
    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_S3_ENDPOINT", "http://minio:9000"));

    assertFalse(c.storage().embedded());
    assertEquals("http://minio:9000", c.storage().nodeEndpoint());
  }

  @Test
  void publicStorageEndpointIsWhatBrowsersGet() {
    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_S3_ENDPOINT", "http://minio:9000",
        "KINORA_S3_PUBLIC_ENDPOINT", "https://media.example.org"));

    assertEquals("https://media.example.org", c.storage().browserEndpoint());
  }

  @Test
  void configFileOverridesTheDefaultsAndOverridesWinOverTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("kinora.json");
    Files.writeString(file, "{\"KINORA_HTTP_PORT\": 7070, \"KINORA_TRANSCODE_SLOTS\": 3}");

    KinoraConfig c = KinoraConfig.load(Map.of("KINORA_CONFIG_FILE", file.toString(), "KINORA_TRANSCODE_SLOTS", "2"));

    assertEquals(7070, c.http().port());
    assertEquals(2, c.jobs().slots());
  }

  @Test
  void missingConfigFileIsAnError(@TempDir Path dir) {
    Map<String, String> overrides = Map.of("KINORA_CONFIG_FILE", dir.resolve("absent.json").toString());

    assertThrows(IllegalStateException.class, () -> KinoraConfig.load(overrides));
  }

  @Test
  void nonNumericPortIsRejectedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KinoraConfig.load(Map.of("KINORA_HTTP_PORT", "eighty")));

    assertTrue(e.getMessage().contains("KINORA_HTTP_PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("eighty"), e.getMessage());
  }

  @Test
  void nonPositiveSettingThatMustBePositiveIsRejectedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KinoraConfig.load(Map.of("KINORA_SEGMENT_SECONDS", "0")));

    assertTrue(e.getMessage().contains("KINORA_SEGMENT_SECONDS"), e.getMessage());
  }

  @Test
  void aHeartbeatThatWouldLetTheIdleTimeoutCloseLiveStreamsIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KinoraConfig.load(Map.of("KINORA_SSE_HEARTBEAT_SECONDS", "30", "KINORA_HTTP_IDLE_TIMEOUT_SECONDS", "30")));

    assertTrue(e.getMessage().contains("KINORA_HTTP_IDLE_TIMEOUT_SECONDS"), e.getMessage());
  }

  @Test
  void nonNumericLadderIsRejectedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KinoraConfig.load(Map.of("KINORA_LADDER", "1080,abc")));

    assertTrue(e.getMessage().contains("KINORA_LADDER"), e.getMessage());
  }
}
