package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cordum.api.BackendException;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.testkit.servers.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link NatsBus#publishAsync}: acks awaited off the caller's path, bounded, failures reported. */
class NatsAsyncPublishTest {
  private NatsServer server;
  private final String t = "t" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void start() {
    server = NatsServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private NatsBus jetStream(NatsConfig.Builder b) {
    return NatsBus.connect(
        b.url(server.url()).jetStream(true).reconnectWait(Duration.ofMillis(100)).build());
  }

  private static BusPacket job(String id) {
    return BusPacket.of(
        id, "test", Instant.EPOCH, JobRequest.builder().jobId(id).topic("job.x").build());
  }

  private static org.awaitility.core.ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
  }

  /** The failure of a stage that must fail within 20 s. */
  private static Throwable failureOf(CompletableFuture<Void> f) throws Exception {
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the publish did not fail");
  }

  @Test
  void everyAsyncPublishIsStoredAndAcknowledged() throws Exception {
    try (NatsBus bus = jetStream(NatsConfig.builder());
        Connection nc = Nats.connect(server.url())) {
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        acks.add(bus.publishAsync(Subjects.SUBMIT, job(t + "-" + i), null).toCompletableFuture());
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(
              nc.jetStreamManagement().getStreamInfo("CORDUM_SYS").getStreamState().getMsgCount())
          .isEqualTo(500);
      assertThat(bus.pendingAcks()).isZero();
      assertThat(bus.publishFailures()).isZero();
    }
  }

  @Test
  void aCoreSubjectIsPublishedWithNothingToConfirm() {
    try (NatsBus bus = jetStream(NatsConfig.builder())) {
      Object stage = bus.publishAsync("sys.heartbeat", job(t), null);
      assertThat(stage).isSameAs(Bus.PUBLISHED);
    }
  }

  @Test
  void anAckFailureFailsTheStageWithABackendException() throws Exception {
    try (NatsBus bus = jetStream(NatsConfig.builder());
        Connection nc = Nats.connect(server.url())) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      jsm.deleteStream("CORDUM_SYS"); // nothing stores sys.job.submit now: no ack can come

      Throwable failure =
          failureOf(bus.publishAsync(Subjects.SUBMIT, job(t), null).toCompletableFuture());

      assertThat(failure)
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("publish to " + Subjects.SUBMIT + " failed");
      assertThat(bus.publishFailures()).isEqualTo(1);
      assertThat(bus.pendingAcks()).isZero();
      // The synchronous form reports the same failure by throwing.
      assertThatThrownBy(() -> bus.publish(Subjects.SUBMIT, job(t + "b")))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("publish to " + Subjects.SUBMIT + " failed");
    }
  }

  @Test
  void anAckThatDoesNotComeInTimeFailsTheStage() throws Exception {
    try (NatsBus bus = jetStream(NatsConfig.builder().publishAckTimeout(Duration.ofMillis(300)))) {
      server.kill();
      eventually().until(() -> !bus.isConnected());

      CompletableFuture<Void> f;
      try {
        f = bus.publishAsync(Subjects.SUBMIT, job(t), null).toCompletableFuture();
      } catch (RuntimeException e) {
        throw new AssertionError("a refused publish must fail its stage, not throw", e);
      }

      assertThat(failureOf(f))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("publish to " + Subjects.SUBMIT + " failed");
      eventually().until(() -> bus.pendingAcks() == 0);
      assertThat(bus.publishFailures()).isEqualTo(1);
      server.restart();
    }
  }

  @Test
  void publishesBeyondTheBoundWaitForASlotThenFail() throws Exception {
    try (NatsBus bus =
        jetStream(
            NatsConfig.builder()
                .publishMaxPending(1)
                .publishBackpressureWait(Duration.ZERO)
                .publishAckTimeout(Duration.ofSeconds(10)))) {
      server.stop();
      eventually().until(() -> !bus.isConnected());
      // Taken into the reconnect buffer: its ack waits for the server.
      CompletableFuture<Void> first =
          bus.publishAsync(Subjects.SUBMIT, job(t + "-1"), null).toCompletableFuture();
      assertThat(bus.pendingAcks()).isEqualTo(1);

      Throwable refused =
          failureOf(bus.publishAsync(Subjects.SUBMIT, job(t + "-2"), null).toCompletableFuture());
      assertThat(refused)
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("1 JetStream publishes still await their ack")
          .hasMessageContaining("publishMaxPending");

      server.restart(); // the buffered message reaches its stream, which acks it
      first.get(20, TimeUnit.SECONDS);
      assertThat(bus.pendingAcks()).isZero();
      bus.publishAsync(Subjects.SUBMIT, job(t + "-3"), null).toCompletableFuture().join();
    }
  }

  @Test
  void aWaitingPublishTakesTheSlotAnAckFrees() throws Exception {
    try (NatsBus bus =
        jetStream(
            NatsConfig.builder()
                .publishMaxPending(1)
                .publishBackpressureWait(Duration.ofSeconds(20))
                .publishAckTimeout(Duration.ofSeconds(20)))) {
      server.stop();
      eventually().until(() -> !bus.isConnected());
      CompletableFuture<Void> first =
          bus.publishAsync(Subjects.SUBMIT, job(t + "-1"), null).toCompletableFuture();
      CompletableFuture<CompletableFuture<Void>> second =
          CompletableFuture.supplyAsync(
              () -> bus.publishAsync(Subjects.SUBMIT, job(t + "-2"), null).toCompletableFuture());
      // The second publish blocks for a slot while the first awaits its ack.
      eventually().until(() -> bus.pendingAcks() == 1 && !second.isDone());

      server.restart();
      first.get(20, TimeUnit.SECONDS);
      second.get(20, TimeUnit.SECONDS).get(20, TimeUnit.SECONDS);
      assertThat(bus.publishFailures()).isZero();
    }
  }

  @Test
  void closeWaitsForOutstandingAcks() throws Exception {
    CompletableFuture<Void> last;
    try (NatsBus bus = jetStream(NatsConfig.builder())) {
      CompletableFuture<Void> f = null;
      for (int i = 0; i < 200; i++) {
        f = bus.publishAsync(Subjects.SUBMIT, job(t + "-" + i), null).toCompletableFuture();
      }
      last = f;
    }
    assertThat(last).isDone();
    try {
      last.join();
    } catch (CompletionException e) {
      throw new AssertionError("an ack outstanding at close was lost", e);
    }
  }
}
