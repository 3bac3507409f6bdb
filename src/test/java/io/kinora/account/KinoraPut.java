package io.kinora.account;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A PUT straight to a presigned storage URL, as a browser would send it. */
final class KinoraPut {

  private KinoraPut() {
  }

  static HttpResponse<Buffer> put(Vertx vertx, String url, Path file) throws Exception {
    WebClient client = WebClient.create(vertx);
    try {
      return client.putAbs(url).sendBuffer(Buffer.buffer(Files.readAllBytes(file))).await(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
