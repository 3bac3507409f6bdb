package io.kinora.platform.s3;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Where the node keeps files. With no endpoint the node starts the embedded S3 server (S3Proxy)
 * on {@code embeddedPort}, files under {@code dataDir/s3}; otherwise it talks to MinIO.
 *
 * @param publicEndpoint  what browsers use for presigned URLs (blank = the node's own endpoint)
 * @param uploadAccessKey the identity presigned upload URLs are signed with (blank = the node's own);
 *                        on MinIO, one whose policy only allows s3:PutObject under the uploads bucket
 */
public record StorageSettings(String endpoint, String accessKey, String secretKey, int embeddedPort,
                              String publicEndpoint, String region, List<String> corsOrigins, Path dataDir,
                              String uploadAccessKey, String uploadSecretKey) {

  public StorageSettings {
    if (uploadAccessKey.isBlank() != uploadSecretKey.isBlank()) {
      throw new IllegalArgumentException("Set both KINORA_S3_UPLOAD_ACCESS_KEY and KINORA_S3_UPLOAD_SECRET_KEY, "
          + "or neither");
    }
  }

  /** The same storage reached with other keys (the embedded S3's own, say). */
  public StorageSettings withKeys(String access, String secret) {
    return new StorageSettings(endpoint, access, secret, embeddedPort, publicEndpoint, region, corsOrigins, dataDir,
        uploadAccessKey, uploadSecretKey);
  }

  /** Signs browsers' upload URLs: with the upload identity when one is set, else the node's. */
  public SizedPutSigner uploadSigner() {
    boolean own = uploadAccessKey.isBlank();
    return new SizedPutSigner(browserEndpoint(), region, own ? accessKey : uploadAccessKey,
        own ? secretKey : uploadSecretKey, Clock.systemUTC());
  }

  /** True when this node starts the in-process S3 server instead of talking to MinIO. */
  public boolean embedded() {
    return endpoint.isBlank();
  }

  /** Where the embedded S3 listens: loopback only, unless browsers on other machines are told to PUT to it. */
  public String embeddedBindHost() {
    return publicEndpoint.isBlank() ? "127.0.0.1" : "0.0.0.0";
  }

  /** Where the node itself reaches storage. */
  public String nodeEndpoint() {
    return embedded() ? "http://127.0.0.1:" + embeddedPort : endpoint;
  }

  /** Where browsers reach storage: presigned URLs are signed for this host. */
  public String browserEndpoint() {
    return publicEndpoint.isBlank() ? nodeEndpoint() : publicEndpoint;
  }
}
