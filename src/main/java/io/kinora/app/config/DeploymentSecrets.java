package io.kinora.app.config;

import io.kinora.platform.auth.Secrets;
import io.kinora.platform.cluster.ClusterSettings;
import io.kinora.platform.s3.StorageSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/**
 * Secrets a deployment makes for itself on first start instead of using ones published in the
 * defaults or the docs: kept in {@code {dataDir}/secrets/}, readable by the node's user only, and
 * the same on every later start. What cannot be made up by one node alone (a secret several nodes
 * must share) is refused with the variable to set.
 */
public final class DeploymentSecrets {

  /** The embedded S3's keys in {@code conf/kinora.json}: anyone who read the README knows them. */
  static final String PUBLISHED_S3_ACCESS_KEY = "kinora";
  static final String PUBLISHED_S3_SECRET_KEY = "kinora-local-secret";
  /** Example values in docs and {@code docker/.env.example} start like this. */
  static final String EXAMPLE_PREFIX = "change-me";
  static final int MIN_CLUSTER_SECRET_LENGTH = 16;

  private final Path dir;

  DeploymentSecrets(Path dataDir) {
    this.dir = dataDir.resolve("secrets");
  }

  /** True when storage would answer to the secret key published in {@code conf/kinora.json}. */
  public static boolean publishedS3Key(StorageSettings s) {
    return s.secretKey().equals(PUBLISHED_S3_SECRET_KEY);
  }

  /** The embedded S3 with the published keys gets keys of its own; configured keys stay. */
  StorageSettings storage(StorageSettings s) {
    if (!s.embedded() || !publishedS3Key(s)) {
      return s;
    }
    String access = readOrCreate("s3-access-key", 20);
    String secret = readOrCreate("s3-secret-key", 40);
    return s.withKeys(access, secret);
  }

  /** A single node makes its own cluster secret; nodes that join others must be given one. */
  ClusterSettings cluster(ClusterSettings c) {
    String secret = c.secret();
    if (secret.isBlank()) {
      if (!c.members().isEmpty()) {
        throw new IllegalArgumentException("KINORA_CLUSTER_SECRET is not set: nodes joining a cluster "
            + "(KINORA_CLUSTER_MEMBERS is set) must all be given the same secret, e.g. the output of "
            + "`openssl rand -hex 32`");
      }
      secret = readOrCreate("cluster-secret", 64);
    } else if (secret.toLowerCase(java.util.Locale.ROOT).startsWith(EXAMPLE_PREFIX)) {
      throw new IllegalArgumentException("KINORA_CLUSTER_SECRET is the published example value: set it to a "
          + "secret of your own on every node, e.g. the output of `openssl rand -hex 32`");
    } else if (secret.length() < MIN_CLUSTER_SECRET_LENGTH) {
      throw new IllegalArgumentException("KINORA_CLUSTER_SECRET must be at least " + MIN_CLUSTER_SECRET_LENGTH
          + " characters, e.g. the output of `openssl rand -hex 32`");
    }
    return new ClusterSettings(c.host(), c.members(), c.port(), secret);
  }

  /**
   * The secret in {@code name}, made (hex, {@code length} characters) if absent. Written to a
   * private temp file and linked into place, so two processes starting at once on one data dir
   * agree on whichever was first.
   */
  private String readOrCreate(String name, int length) {
    Path file = dir.resolve(name);
    try {
      if (!Files.exists(file)) {
        create(file, fresh(length));
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (value.isEmpty()) {
        throw new IllegalStateException(file + " is empty: delete it and start again to make a new one");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the secret in " + file, e);
    }
  }

  private void create(Path file, String value) throws IOException {
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path temp = Files.createTempFile(dir, name(file), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException raced) {
      // another process made it first: use theirs
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static String name(Path file) {
    return "." + file.getFileName();
  }

  private static String fresh(int length) {
    return HexFormat.of().formatHex(Secrets.randomBytes((length + 1) / 2)).substring(0, length);
  }
}
