package io.kinora.transcode;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegBinariesTest {

  @TempDir
  Path work;

  @Test
  void aConfiguredDirectorysToolsRunUnderTheParentDeathSignalToo() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux's setpriv");
    // a directory name a shell would split or unquote, to show the path is passed as one word
    Path tools = Files.createDirectories(work.resolve("it's my ffmpeg"));
    Path fake = tools.resolve("ffmpeg");
    Files.writeString(fake, "#!/bin/sh\necho \"configured $1\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

    Path dir = FfmpegBinaries.prepare(tools.toString(), work.resolve("data"));

    String wrapper = Files.readString(dir.resolve("ffmpeg"));
    assertTrue(wrapper.contains("--pdeathsig KILL"), wrapper);
    Process run = new ProcessBuilder(dir.resolve("ffmpeg").toString(), "-version").start();
    assertEquals("configured -version", new String(run.getInputStream().readAllBytes()).trim());
    assertEquals(0, run.waitFor());
  }
}
