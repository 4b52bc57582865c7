package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.RetryLaterException;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.testkit.RecordingHandler;
import io.cordum.testkit.servers.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What NatsBus does beyond the shared bus contract: JetStream choices, faults, malformed bytes. */
class NatsBusFeaturesTest {
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

  private NatsBus jetStream() {
    return NatsBus.connect(NatsConfig.builder().url(server.url()).jetStream(true).build());
  }

  private static BusPacket job(String id) {
    return BusPacket.of(
        id, "test", Instant.EPOCH, JobRequest.builder().jobId(id).topic("job.x").build());
  }

  private static org.awaitility.core.ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10));
  }

  @Test
  void jetStreamAskedForButMissingFailsInsteadOfFallingBackToCoreNats() {
    try (NatsServer core = NatsServer.startWithoutJetStream()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> NatsBus.connect(NatsConfig.builder().url(core.url()).jetStream(true).build()))
          .isInstanceOf(io.cordum.api.BackendException.class)
          .hasMessageContaining("JetStream")
          .hasMessageContaining("-js");
      try (NatsBus plain = NatsBus.connect(NatsConfig.of(core.url()))) {
        assertThat(plain.config().jetStream()).isFalse();
      }
    }
  }

  @Test
  void streamsHoldOnlyTheDurableSubjects() throws Exception {
    try (NatsBus bus = jetStream();
        Connection nc = Nats.connect(server.url())) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      assertThat(jsm.getStreamInfo("CORDUM_SYS").getConfiguration().getSubjects())
          .containsExactlyInAnyOrder("sys.job.submit", "sys.job.result", "sys.job.dlq");
      assertThat(jsm.getStreamInfo("CORDUM_JOBS").getConfiguration().getSubjects())
          .containsExactlyInAnyOrder("job.>", "worker.*.jobs");
      long before = jsm.getStreamInfo("CORDUM_SYS").getStreamState().getMsgCount();
      bus.publish(
          Subjects.HEARTBEAT,
          BusPacket.of("w", "w", Instant.EPOCH, Heartbeat.builder().workerId("w").build()));
      bus.publish(Subjects.SUBMIT, job(t + "-s"));
      assertThat(jsm.getStreamInfo("CORDUM_SYS").getStreamState().getMsgCount())
          .isEqualTo(before + 1); // the submit, not the heartbeat
    }
  }

  @Test
  void existingStreamsAreReusedUnchanged() throws Exception {
    try (Connection nc = Nats.connect(server.url())) {
      nc.jetStreamManagement()
          .addStream(StreamConfiguration.builder().name("CORDUM_SYS").subjects("sys.>").build());
    }
    try (NatsBus bus = jetStream();
        Connection nc = Nats.connect(server.url())) {
      assertThat(bus.isJetStream()).isTrue();
      StreamInfo info = nc.jetStreamManagement().getStreamInfo("CORDUM_SYS");
      assertThat(info.getConfiguration().getSubjects()).containsExactly("sys.>");
    }
  }

  @Test
  void aNewDurableStartsWithNewMessagesNotTheHistory() {
    try (NatsBus bus = jetStream()) {
      String subject = "job." + t + ".hist";
      bus.publish(subject, job(t + "-old"));
      RecordingHandler h = new RecordingHandler();
      bus.subscribe(subject, "grp", h);
      bus.publish(subject, job(t + "-new"));
      eventually().until(() -> h.count() == 1);
      assertThat(h.traceIds()).containsExactly(t + "-new");
    }
  }

  @Test
  void aDurableQueueConsumerResumesWhereItLeftOff() {
    String subject = "job." + t + ".resume";
    // The server may still route a message to the consumer's old deliver subject for a moment
    // after the last member left; such a message comes back after the ack wait, kept short here.
    try (NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder()
                .url(server.url())
                .jetStream(true)
                .ackWait(Duration.ofSeconds(2))
                .build())) {
      RecordingHandler first = new RecordingHandler();
      var sub = bus.subscribe(subject, "grp", first);
      bus.publish(subject, job(t + "-1"));
      eventually().until(() -> first.count() == 1);
      sub.close();
      bus.publish(subject, job(t + "-2")); // nobody listening
      RecordingHandler second = new RecordingHandler();
      bus.subscribe(subject, "grp", second);
      eventually().until(() -> second.count() == 1);
      assertThat(second.traceIds()).containsExactly(t + "-2");
    }
  }

  @Test
  void retriesStopAtMaxDeliverAndAreCounted() {
    try (NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder().url(server.url()).jetStream(true).maxDeliver(3).build())) {
      AtomicInteger seen = new AtomicInteger();
      RecordingHandler after = new RecordingHandler();
      String subject = "job." + t + ".md";
      bus.subscribe(
          subject,
          "grp",
          m -> {
            if (m.packet().traceId().endsWith("-poison")) {
              seen.incrementAndGet();
              throw new RetryLaterException(Duration.ofMillis(10), "never");
            }
            after.handle(m);
          });
      bus.publish(subject, job(t + "-poison"));
      eventually().until(() -> bus.droppedMessages() == 1);
      assertThat(seen.get()).isEqualTo(3);
      bus.publish(subject, job(t + "-next"));
      eventually().until(() -> after.count() == 1);
      assertThat(seen.get()).isEqualTo(3);
    }
  }

  @Test
  void coreModeRetryLaterIsRedeliveredLocallyAndBounded() {
    try (NatsBus bus =
        NatsBus.connect(NatsConfig.builder().url(server.url()).maxDeliver(4).build())) {
      AtomicInteger seen = new AtomicInteger();
      bus.subscribe(
          "core." + t,
          null,
          m -> {
            seen.incrementAndGet();
            throw new RetryLaterException(Duration.ofMillis(5), "again");
          });
      bus.publish("core." + t, job(t));
      eventually().until(() -> bus.droppedMessages() == 1);
      assertThat(seen.get()).isEqualTo(4);
    }
  }

  @Test
  void jobRequestsAreDedupedByJobIdUnlessTheLabelSaysOtherwise() {
    try (NatsBus bus = jetStream()) {
      String subject = "job." + t + ".dedup";
      RecordingHandler h = new RecordingHandler();
      bus.subscribe(subject, "grp", h);
      bus.publish(subject, job(t + "-a"));
      bus.publish(subject, job(t + "-a"));
      JobRequest r = JobRequest.builder().jobId(t + "-b").topic("job.x").build();
      bus.publish(
          subject,
          BusPacket.of(
              "b1",
              "s",
              Instant.EPOCH,
              r.toBuilder().putLabels("cordum.bus_msg_id", t + "-b@1").build()));
      bus.publish(
          subject,
          BusPacket.of(
              "b2",
              "s",
              Instant.EPOCH,
              r.toBuilder().putLabels("cordum.bus_msg_id", t + "-b@2").build()));
      bus.publish(subject, job(t + "-end"));
      eventually().until(() -> h.traceIds().contains(t + "-end"));
      assertThat(h.traceIds()).containsExactly(t + "-a", "b1", "b2", t + "-end");
    }
  }

  @Test
  void resultsAreNeverDedupedSoARetrysResultArrives() {
    try (NatsBus bus = jetStream()) {
      RecordingHandler h = new RecordingHandler();
      bus.subscribe(Subjects.RESULT, "grp-" + t, h);
      for (JobStatus s : List.of(JobStatus.FAILED, JobStatus.SUCCEEDED)) {
        bus.publish(
            Subjects.RESULT,
            BusPacket.of(
                s.name(),
                "w",
                Instant.EPOCH,
                JobResult.builder().jobId(t + "-r").status(s).build()));
      }
      eventually().until(() -> h.count() == 2);
    }
  }

  @Test
  void malformedBytesAreDroppedCountedAndNeverCrashTheSubscription() throws Exception {
    for (boolean js : new boolean[] {false, true}) {
      try (NatsBus bus =
              NatsBus.connect(NatsConfig.builder().url(server.url()).jetStream(js).build());
          Connection raw = Nats.connect(server.url())) {
        String subject = "job." + t + (js ? ".js" : ".core");
        RecordingHandler h = new RecordingHandler();
        bus.subscribe(subject, "grp", h);
        raw.publish(
            subject, "not a protobuf packet \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
        raw.flush(Duration.ofSeconds(5));
        bus.publish(subject, job(t + (js ? "-js" : "-core")));
        // Two connections publish: their order at the subscriber is not guaranteed.
        eventually().until(() -> h.count() == 1 && bus.malformedMessages() == 1);
        assertThat(bus.handlerFailures()).isZero();
      }
    }
  }

  @Test
  void coreSubscriptionsResumeAfterTheServerRestarts() {
    try (NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder().url(server.url()).reconnectWait(Duration.ofMillis(100)).build())) {
      RecordingHandler h = new RecordingHandler();
      bus.subscribe("core." + t, null, h);
      server.restart();
      eventually().until(bus::isConnected);
      eventually()
          .until(
              () -> {
                bus.publish("core." + t, job(t + "-" + System.nanoTime()));
                return h.count() > 0;
              });
    }
  }

  @Test
  void jetStreamSubscriptionsResumeAfterTheServerRestarts() {
    try (NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder()
                .url(server.url())
                .jetStream(true)
                .reconnectWait(Duration.ofMillis(100))
                .build())) {
      String subject = "job." + t + ".restart";
      RecordingHandler h = new RecordingHandler();
      bus.subscribe(subject, "grp", h);
      bus.publish(subject, job(t + "-before"));
      eventually().until(() -> h.count() == 1);
      server.restart();
      eventually().until(bus::isConnected);
      eventually()
          .ignoreExceptions()
          .until(
              () -> {
                bus.publish(subject, job(t + "-after-" + System.nanoTime()));
                return h.count() > 1;
              });
    }
  }

  @Test
  void publishWhileTheServerIsDownFailsWithABackendExceptionInJetStreamMode() {
    try (NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder()
                .url(server.url())
                .jetStream(true)
                .reconnectWait(Duration.ofMillis(100))
                .build())) {
      server.stop();
      eventually().until(() -> !bus.isConnected());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> bus.publish("job." + t + ".down", job(t)))
          .isInstanceOf(io.cordum.api.BackendException.class)
          .hasMessageContaining("publish to job." + t + ".down failed");
      server.restart();
    }
  }
}
