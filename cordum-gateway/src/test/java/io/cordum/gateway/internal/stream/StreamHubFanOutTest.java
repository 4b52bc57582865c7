package io.cordum.gateway.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.core.Cordum;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.internal.stream.OutboxTest.Fake;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's fan-out with fake transports: the bus thread only queues, a blocked client delays
 * nobody and is closed with 1008 when its buffer overflows, tenant scoping is unchanged.
 */
class StreamHubFanOutTest {
  private static final int BUFFER = 8;
  private Cordum cordum;
  private StreamHub hub;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void start() {
    cordum = Cordum.builder().build().start();
    // One sender thread: what a blocked client could hold up, it would hold up for everyone.
    hub =
        new StreamHub(
            cordum, GatewayConfig.builder().streamClientBuffer(BUFFER).build(), registry, 1);
  }

  @AfterEach
  void stop() {
    hub.close();
    cordum.close();
  }

  private StreamHub.Client client(String tenant, Fake transport) {
    Principal p = Principal.of("p-" + tenant, tenant, "admin", "k-" + tenant);
    StreamHub.Session s =
        new StreamHub.Session(
            p, new StreamHub.Filter(null, null, null, Set.of(), false), tenant::equals);
    return hub.register(null, s, transport);
  }

  private static BusMessage heartbeat(int i) {
    return new BusMessage(
        Subjects.HEARTBEAT,
        BusPacket.of(
            "t",
            "test",
            Instant.now(),
            Heartbeat.builder().workerId("w-" + i).pool("none").build()),
        1);
  }

  private static BusMessage request(String jobId, String tenant) {
    return new BusMessage(
        "sys.job.submit",
        BusPacket.of(
            "t",
            "test",
            Instant.now(),
            JobRequest.builder().jobId(jobId).topic("job.test").tenantId(tenant).build()),
        1);
  }

  @Test
  void aBlockedClientDelaysNoOtherAndIsClosedWithTheSlowCode() {
    Fake blocked = new Fake(false);
    Fake fast = new Fake(true);
    client("default", blocked);
    client("default", fast);
    assertThat(hub.clients()).isEqualTo(2);
    for (int i = 0; i < 500; i++) {
      hub.onPacket(heartbeat(i));
      int want = i + 1;
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fast.sent.size() >= want);
    }
    assertThat(fast.sent).hasSize(500);
    assertThat(fast.sent.get(499)).contains("w-499");
    assertThat(fast.closes).isEmpty();
    assertThat(blocked.sent).hasSize(Outbox.MAX_IN_FLIGHT);
    assertThat(blocked.closes).containsExactly("1008 " + Outbox.slowReason(BUFFER));
    assertThat(hub.slowClosed()).isEqualTo(1);
    assertThat(hub.clients()).isEqualTo(1);
    assertThat(registry.find("cordum.gateway.stream.slow.closed").counter().count()).isEqualTo(1.0);
  }

  @Test
  void eventsStayWithinTheirTenant() {
    Fake a = new Fake(true);
    Fake b = new Fake(true);
    client("tenant-a", a);
    client("tenant-b", b);
    hub.onPacket(request("job-a", "tenant-a"));
    hub.onPacket(request("job-b", "tenant-b"));
    await().atMost(Duration.ofSeconds(10)).until(() -> a.sent.size() == 1 && b.sent.size() == 1);
    assertThat(a.sent.get(0)).contains("job-a").doesNotContain("job-b");
    assertThat(b.sent.get(0)).contains("job-b").doesNotContain("job-a");
    // Heartbeats belong to no tenant: clients of the default tenant only.
    Fake d = new Fake(true);
    client("default", d);
    hub.onPacket(heartbeat(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> d.sent.size() == 1);
    hub.onPacket(request("job-a2", "tenant-a"));
    await().atMost(Duration.ofSeconds(10)).until(() -> a.sent.size() == 2);
    assertThat(a.sent).noneMatch(s -> s.contains("heartbeat"));
    assertThat(b.sent).hasSize(1);
    assertThat(d.sent).hasSize(1);
  }

  @Test
  void closingTheHubClosesClientsAsShuttingDown() {
    Fake a = new Fake(false);
    client("default", a);
    hub.close();
    assertThat(a.closes).containsExactly("1001 server shutting down");
    assertThat(hub.clients()).isZero();
    hub.onPacket(heartbeat(1));
    assertThat(a.sent).isEmpty();
  }
}
