package io.kinora.platform.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity a cluster secret gives every member: the same for the same secret, useless without it. */
class ClusterIdentityTest {

  private static final String SECRET = "a-deployment-secret-of-32-chars!";

  private static Vertx vertx;
  private static NetServer member;
  private static final java.util.List<NetClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void startAMemberPort() throws Exception {
    vertx = Vertx.vertx();
    ClusterIdentity identity = ClusterIdentity.derive(SECRET);
    member = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
            .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions())
            .setClientAuth(ClientAuth.REQUIRED))
        .connectHandler(socket -> socket.handler(socket::write))
        .listen().await(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void theSameSecretGivesEveryNodeTheSameCertificateAndClusterName() throws Exception {
    ClusterIdentity a = ClusterIdentity.derive(SECRET);
    ClusterIdentity b = ClusterIdentity.derive(SECRET);

    assertArrayEquals(a.certificate().getEncoded(), b.certificate().getEncoded());
    assertEquals(a.clusterName(), b.clusterName());
    assertTrue(a.clusterName().matches("kinora-[0-9a-f]{16}"), a.clusterName());
  }

  @Test
  void anotherSecretGivesAnotherCertificateAndClusterName() throws Exception {
    ClusterIdentity a = ClusterIdentity.derive(SECRET);
    ClusterIdentity b = ClusterIdentity.derive(SECRET + "x");

    assertFalse(java.util.Arrays.equals(a.certificate().getEncoded(), b.certificate().getEncoded()));
    assertNotEquals(a.clusterName(), b.clusterName());
  }

  @Test
  void aMemberTalksToAMember() throws Exception {
    String echoed = echo(connect(withIdentity(ClusterIdentity.derive(SECRET))));

    assertEquals("ping", echoed);
  }

  @Test
  void aClientWithoutTheClusterCertificateIsRefused() {
    // it even trusts the member's certificate: only its own is missing
    NetClientOptions noCertificate = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
        .setTrustAll(true);

    assertThrows(Exception.class, () -> echo(connect(noCertificate)));
  }

  @Test
  void aClientWithAnotherSecretsCertificateIsRefused() {
    NetClientOptions other = withIdentity(ClusterIdentity.derive("another-deployment-secret-000000"))
        .setTrustAll(true);

    assertThrows(Exception.class, () -> echo(connect(other)));
  }

  @Test
  void aMemberDoesNotTalkToAServerWithAnotherSecret() {
    NetClientOptions trustsOnlyItsOwn = withIdentity(ClusterIdentity.derive("another-deployment-secret-000000"));

    assertThrows(Exception.class, () -> echo(connect(trustsOnlyItsOwn)));
  }

  @Test
  void anEmptySecretIsNoSecret() {
    assertThrows(IllegalArgumentException.class, () -> ClusterIdentity.derive(" "));
  }

  private static NetClientOptions withIdentity(ClusterIdentity identity) {
    return new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
        .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions());
  }

  private static io.vertx.core.Future<NetSocket> connect(NetClientOptions options) {
    NetClient client = vertx.createNetClient(options.setConnectTimeout(5000));
    clients.add(client); // a client nobody references is closed, with its connections
    return client.connect(member.actualPort(), "127.0.0.1");
  }

  /**
   * Connects, writes "ping" and waits for the echo: with TLS 1.3 a refused client certificate shows
   * here. The handlers are set as the connection completes, on its event loop: set later from
   * this thread, a close that came first would reach no handler, and the test would only time out.
   */
  private static String echo(io.vertx.core.Future<NetSocket> connecting) throws Exception {
    return connecting.compose(socket -> {
      io.vertx.core.Promise<String> echoed = io.vertx.core.Promise.promise();
      socket.handler(buffer -> echoed.tryComplete(buffer.toString()));
      socket.closeHandler(v -> echoed.tryFail("closed by the member"));
      socket.exceptionHandler(echoed::tryFail);
      socket.write("ping");
      return echoed.future();
    }).await(30, TimeUnit.SECONDS);
  }
}
