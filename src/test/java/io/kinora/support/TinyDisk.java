package io.kinora.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a directory, to fill a node's temp disk for real. Mounting needs root
 * (CAP_SYS_ADMIN); {@link #mount} returns null where the machine refuses, so the caller can say why
 * it cannot run.
 */
public final class TinyDisk implements AutoCloseable {

  private final Path dir;

  private TinyDisk(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created if missing); null if not allowed here. */
  public static TinyDisk mount(Path dir, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process mount = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755",
        "kinora-test-tmp", dir.toString())).redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    boolean done = mount.waitFor(30, TimeUnit.SECONDS);
    return done && mount.exitValue() == 0 ? new TinyDisk(dir) : null;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Process umount = new ProcessBuilder(List.of("umount", "--lazy", dir.toString())).redirectErrorStream(true).start();
    String out = new String(umount.getInputStream().readAllBytes());
    if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
      throw new IOException("could not unmount the test's tmpfs at " + dir + ": " + out);
    }
  }
}
