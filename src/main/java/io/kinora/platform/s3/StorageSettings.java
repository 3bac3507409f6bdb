package io.kinora.platform.s3;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the node keeps files. With no endpoint the node starts the embedded S3 server (S3Proxy)
 * on {@code embeddedPort}, files under {@code dataDir/s3}; otherwise it talks to MinIO.
 *
 * @param publicEndpoint what browsers use for presigned URLs (blank = the node's own endpoint)
 */
public record StorageSettings(String endpoint, String accessKey, String secretKey, int embeddedPort,
                              String publicEndpoint, String region, List<String> corsOrigins, Path dataDir) {

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
