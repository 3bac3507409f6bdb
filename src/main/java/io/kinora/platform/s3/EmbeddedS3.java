package io.kinora.platform.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.lang.reflect.Field;
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
        .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
        .corsRules(cors)
        .ignoreUnknownHeaders(true)
        .build();
    guard(proxy);
    proxy.start(); // Jetty's start: returns once the port is bound, or throws
    return new EmbeddedS3(proxy, context);
  }

  /**
   * Puts {@link SignedHeadersOnly} between S3Proxy's Jetty server and its S3 handler. S3Proxy
   * offers no hook for it, so the server is read from its (private) field; if a later S3Proxy
   * renames it, the node refuses to start rather than run an embedded store without the check.
   */
  private static void guard(S3Proxy proxy) {
    try {
      Field field = S3Proxy.class.getDeclaredField("server");
      field.setAccessible(true);
      ((Server) field.get(proxy)).insertHandler(new SignedHeadersOnly());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("This S3Proxy version cannot be guarded; keep the one in pom.xml", e);
    }
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
