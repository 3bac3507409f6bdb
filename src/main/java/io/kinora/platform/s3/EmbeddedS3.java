package io.kinora.platform.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The default storage: S3Proxy in-process with a filesystem backend under the data directory.
 * It speaks real S3 (signatures, presigned URLs, ranges), so the node uses the same MinIO SDK
 * code path as against MinIO. Started on a worker thread: Jetty and jclouds block while booting.
 */
public final class EmbeddedS3 {

  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
  }

  /** Starts it as the settings describe, listening on {@code host}. Blocking. */
  public static EmbeddedS3 start(StorageSettings settings, String host) throws Exception {
    return start(settings.dataDir(), host, settings.embeddedPort(), settings.accessKey(), settings.secretKey(),
        settings.corsOrigins());
  }

  public static EmbeddedS3 start(Path dataDir, String host, int port, String accessKey,
                                 String secretKey, List<String> corsOrigins) throws Exception {
    Path base = dataDir.resolve("s3");
    Files.createDirectories(base);
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", base.toString());
    BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
        .overrides(properties).build(BlobStoreContext.class);
    // browsers PUT straight to storage from the UI's origin, so preflights must be answered
    CrossOriginResourceSharing cors = new CrossOriginResourceSharing(corsOrigins,
        List.of("GET", "HEAD", "PUT", "POST"), List.of("*"), List.of("ETag"), null);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://" + host + ":" + port))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .corsRules(cors)
        .ignoreUnknownHeaders(true)
        .build();
    proxy.start(); // Jetty's start: returns once the port is bound, or throws
    return new EmbeddedS3(proxy, context);
  }

  public void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // stopping is best effort: the process is going away anyway
    } finally {
      context.close();
    }
  }
}
