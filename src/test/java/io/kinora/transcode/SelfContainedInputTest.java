package io.kinora.transcode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfContainedInputTest {

  @TempDir
  Path dir;

  private String refusalOf(byte[] content) throws Exception {
    return SelfContainedInput.refusal(Files.write(dir.resolve("source"), content));
  }

  @Test
  void noDemuxerThatReadsOtherFilesIsAllowed() {
    for (String format : SelfContainedInput.FORMATS.split(",")) {
      assertFalse(java.util.Set.of("hls", "concat", "image2", "sdp", "rtp", "rtsp", "dash", "tty", "data")
          .contains(format), format);
    }
  }

  @Test
  void onlyTheLocalFileProtocolIsAllowed() {
    assertTrue(SelfContainedInput.PROTOCOLS.equals("file"));
  }

  @Test
  void aPlaylistWithAByteOrderMarkIsNamedAPlaylist() throws Exception {
    assertTrue(refusalOf("\ufeff#EXTM3U\n#EXTINF:1,\nx.ts\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .contains("This is a playlist"));
  }

  @Test
  void binaryGarbageIsDamagedOrUnknownNotText() throws Exception {
    String refusal = refusalOf(new byte[] {0, 1, 2, (byte) 0xff, 7, 0, 0, 42});

    assertTrue(refusal.contains("could not read this file as a video"), refusal);
  }

  @Test
  void anEmptyFileIsNotCalledText() throws Exception {
    assertTrue(refusalOf(new byte[0]).contains("could not read"));
  }
}
