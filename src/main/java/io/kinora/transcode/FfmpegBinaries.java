package io.kinora.transcode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where ffmpeg and ffprobe are run from. On Linux with util-linux's {@code setpriv}, Kinora runs
 * them through small wrappers that set a parent-death signal: if the node is killed outright
 * ({@code kill -9}), the kernel kills its ffmpeg too instead of leaving an orphan encoding for
 * nobody.
 */
public final class FfmpegBinaries {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegBinaries.class);
  private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private FfmpegBinaries() {
  }

  /**
   * The directory to hand to Jaffree, or null for "ffmpeg and ffprobe from PATH". A configured
   * directory gets the same wrappers around its own tools: where ffmpeg lives does not change
   * what a killed node leaves behind. Blocking.
   */
  public static Path prepare(String configuredDir, Path dataDir) throws IOException {
    if (!Files.isExecutable(SETPRIV)) {
      LOG.info("setpriv not found: ffmpeg runs without a parent-death signal");
      return configuredDir.isBlank() ? null : Path.of(configuredDir);
    }
    Path dir = Files.createDirectories(dataDir.resolve("bin"));
    for (String tool : new String[] {"ffmpeg", "ffprobe"}) {
      Path wrapper = dir.resolve(tool);
      Files.writeString(wrapper, "#!/bin/sh\n# written by Kinora: dies with the node that started it\n"
          + "exec " + SETPRIV + " --pdeathsig KILL -- " + toolPath(configuredDir, tool) + " \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return dir;
  }

  /** The tool by name (found on PATH), or in the configured directory, quoted for sh. */
  private static String toolPath(String configuredDir, String tool) {
    return configuredDir.isBlank() ? tool : "'" + Path.of(configuredDir, tool).toString().replace("'", "'\\''") + "'";
  }
}
