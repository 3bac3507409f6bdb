package io.kinora.cluster;

import io.kinora.support.Await;
import io.kinora.platform.cluster.ClusterIdentity;
import io.kinora.platform.cluster.ClusterSettings;
import io.kinora.platform.cluster.ClusterSetup;
import io.kinora.support.ListeningSockets;
import io.kinora.support.NodeProcess;
import io.kinora.support.Ports;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may be a member, tried from outside: two members built exactly as {@code Main} builds them
 * (Hazelcast + clustered event bus, from {@link ClusterSetup}) in this JVM, and processes that
 * do not know their secret. Hazelcast and the event bus listen on the cluster host only; a process
 * with another secret neither joins nor reaches the event bus; a TLS client without the cluster's
 * certificate is refused by the event-bus port.
 */
@Tag("long")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterMembershipIT {

  private static final String SECRET = "the-deployments-own-cluster-secret";
  private static final String ADDRESS = "kinora.test.membership";

  private static final List<Member> started = new ArrayList<>();
  private static Member first;
  private static Member second;
  private static List<String> members;
  private static final List<NetClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A clustered Vert.x as a Kinora node has one. */
  private record Member(Vertx vertx, HazelcastClusterManager manager) {

    int hazelcastPort() {
      return manager.getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort();
    }

    int eventBusPort() {
      return manager.getNodeInfo().port();
    }
  }

  @BeforeAll
  static void startTwoMembers() throws Exception {
    int a = Ports.free();
    int b = Ports.free();
    members = List.of("127.0.0.1:" + a, "127.0.0.1:" + b);
    Future<Member> starting = startMember(SECRET, a, members);
    second = startMember(SECRET, b, members).await(2, TimeUnit.MINUTES);
    first = starting.await(2, TimeUnit.MINUTES);
    second.vertx().eventBus().<String>consumer(ADDRESS, message -> message.reply("pong from the second member"))
        .completion().await(30, TimeUnit.SECONDS);
    awaitMembers(first, 2);
  }

  @AfterAll
  static void stopMembers() throws Exception {
    for (Member member : started) {
      member.vertx().close().await(60, TimeUnit.SECONDS);
    }
  }

  private static Future<Member> startMember(String secret, int port, List<String> join) {
    ClusterSettings settings = new ClusterSettings("127.0.0.1", join, port, secret);
    HazelcastClusterManager manager = ClusterSetup.clusterManager(settings);
    return Vertx.builder().with(ClusterSetup.vertxOptions(settings)).withClusterManager(manager).buildClustered()
        .map(vertx -> {
          Member member = new Member(vertx, manager);
          synchronized (started) {
            started.add(member);
          }
          return member;
        });
  }

  private static void awaitMembers(Member member, int count) throws InterruptedException {
    Await.until(Duration.ofSeconds(60), count + " members in view", () -> member.manager().getNodes(),
        nodes -> nodes.size() == count);
  }

  @Test
  void hazelcastAndTheEventBusListenOnTheClusterHostOnly() throws Exception {
    assertEquals(List.of("127.0.0.1"), listeningAddresses(first.hazelcastPort()), "Hazelcast's member port");
    assertEquals(List.of("127.0.0.1"), listeningAddresses(first.eventBusPort()), "the event bus's port");
  }

  @Test
  void aMemberWithTheSecretJoinsAndGetsEventBusMessages() throws Exception {
    assertEquals(2, second.manager().getNodes().size());

    String reply = first.vertx().eventBus().<String>request(ADDRESS, "ping").await(30, TimeUnit.SECONDS).body();

    assertEquals("pong from the second member", reply);
  }

  @Test
  void aProcessWithAnotherSecretDoesNotJoin() throws Exception {
    Member stranger = startMember("not-the-deployments-cluster-secret", Ports.free(), members)
        .await(2, TimeUnit.MINUTES);

    assertEquals(1, stranger.manager().getNodes().size(), "the stranger is alone");
    assertEquals(2, first.manager().getNodes().size(), "the members are still two");
    Throwable failure = assertThrows(Exception.class,
        () -> stranger.vertx().eventBus().request(ADDRESS, "ping").await(30, TimeUnit.SECONDS));
    assertInstanceOf(ReplyException.class, failure);
    assertEquals(ReplyFailure.NO_HANDLERS, ((ReplyException) failure).failureType());
  }

  /**
   * Hazelcast sends the cluster name in clear text, so a process on the cluster network can learn
   * it and join Hazelcast. It still has no place on the event bus: members do not deliver to it,
   * and it cannot deliver to them.
   */
  @Test
  void aProcessThatSniffedTheClusterNameJoinsHazelcastButNotTheEventBus() throws Exception {
    ClusterSettings sniffed = new ClusterSettings("127.0.0.1", members, Ports.free(), SECRET);
    ClusterSettings ownTls = new ClusterSettings("127.0.0.1", members, sniffed.port(), "an-intruder-without-the-secret");
    HazelcastClusterManager manager = ClusterSetup.clusterManager(sniffed);
    Vertx intruder = Vertx.builder().with(ClusterSetup.vertxOptions(ownTls)).withClusterManager(manager)
        .buildClustered().await(2, TimeUnit.MINUTES);
    try {
      awaitMembers(first, 3);
      List<Object> overheard = new java.util.concurrent.CopyOnWriteArrayList<>();
      intruder.eventBus().consumer("kinora.video.status", message -> overheard.add(message.body()))
          .completion().await(30, TimeUnit.SECONDS);
      List<Object> injected = new java.util.concurrent.CopyOnWriteArrayList<>();
      second.vertx().eventBus().consumer(ADDRESS + ".injected", message -> injected.add(message.body()))
          .completion().await(30, TimeUnit.SECONDS);

      DeliveryOptions quick = new DeliveryOptions().setSendTimeout(3000);
      assertThrows(Exception.class, () -> first.vertx().eventBus()
          .request("kinora.video.status", "a private video's status", quick).await(30, TimeUnit.SECONDS),
          "a member does not deliver to the intruder");
      assertThrows(Exception.class, () -> intruder.eventBus()
          .request(ADDRESS + ".injected", "forged", quick).await(30, TimeUnit.SECONDS),
          "the intruder does not deliver to a member");
      assertEquals(List.of(), overheard);
      assertEquals(List.of(), injected);
    } finally {
      intruder.close().await(60, TimeUnit.SECONDS);
      awaitMembers(first, 2);
    }
  }

  @Test
  void aNodeGivenThePublishedExampleSecretRefusesToJoin(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of(
        "KINORA_DATA_DIR", dir.toString(),
        "KINORA_HTTP_PORT", Integer.toString(Ports.free()),
        "KINORA_CLUSTER_MEMBERS", String.join(",", members),
        "KINORA_CLUSTER_SECRET", "change-me-cluster-secret");
    NodeProcess node = new NodeProcess("example-secret", env, dir).start();

    assertEquals(2, node.awaitExit(Duration.ofSeconds(60)));
    assertTrue(node.tail().contains("KINORA_CLUSTER_SECRET is the published example value"), node.tail());
    assertEquals(2, first.manager().getNodes().size());
  }

  @Test
  void theEventBusPortSpeaksTlsOnlyToHoldersOfTheClusterCertificate() throws Exception {
    ClusterIdentity identity = ClusterIdentity.derive(SECRET);
    NetClientOptions member = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
        .setKeyCertOptions(identity.keyCertOptions()).setTrustOptions(identity.trustOptions());
    NetSocket accepted = connect(member).await(30, TimeUnit.SECONDS);
    assertTrue(accepted.isSsl());
    assertEquals(identity.certificate(), accepted.peerCertificates().get(0), "the member shows the cluster's certificate");
    accepted.close();

    // trusts anything, but has no certificate of its own to show
    NetClientOptions stranger = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("")
        .setTrustAll(true);
    assertTrue(refused(connect(stranger)), "a TLS client without the cluster's certificate is refused");
  }

  private static Future<NetSocket> connect(NetClientOptions options) {
    NetClient client = first.vertx().createNetClient(options.setConnectTimeout(5000));
    clients.add(client); // a client nobody references is closed, with its connections
    return client.connect(first.eventBusPort(), "127.0.0.1");
  }

  /** The handshake fails, or (TLS 1.3: the server checks the client's certificate last) the server hangs up. */
  private static boolean refused(Future<NetSocket> connecting) throws Exception {
    Promise<Boolean> refused = Promise.promise();
    connecting.onFailure(e -> refused.tryComplete(true)).onSuccess(socket -> {
      socket.closeHandler(v -> refused.tryComplete(true));
      socket.exceptionHandler(e -> refused.tryComplete(true));
      socket.write("hello?");
    });
    return refused.future().await(30, TimeUnit.SECONDS);
  }

  private static List<String> listeningAddresses(int port) throws IOException {
    List<String> addresses = ListeningSockets.addresses(port);
    assertFalse(addresses.isEmpty(), "nothing listens on port " + port);
    return addresses;
  }
}
