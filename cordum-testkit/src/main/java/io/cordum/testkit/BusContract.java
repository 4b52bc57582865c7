package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.CordumException;
import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery contract of {@link Bus} (see {@code io.cordum.api.bus}), as one JUnit 5 suite that
 * every implementation runs. Extend it and implement {@link #createBus()}:
 *
 * <pre>{@code
 * class MyBusTest extends BusContract {
 *   @Override protected Bus createBus() { return new MyBus(...); }
 * }
 * }</pre>
 *
 * <p>The suite uses only the public API: it assumes nothing about threads or internals, waits with
 * Awaitility (never with sleeps) and gives asynchronous delivery {@link #TIMEOUT} to happen. Every
 * test publishes on fresh subjects under {@code job.<random>.}, so a durable backend (JetStream
 * keeps {@code job.>} in a stream and replays it to new consumers) does not see the messages of an
 * earlier test. Each test subscribes before it publishes.
 *
 * <p>After {@link Bus#close()}, {@code publish} and {@code subscribe} must throw either an {@link
 * IllegalStateException} or a {@link CordumException}.
 */
public abstract class BusContract {
  /** How long an asynchronous outcome may take before a test fails. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How long a test watches for a message that must not arrive. */
  protected static final Duration QUIET = Duration.ofMillis(200);

  /** The creation time of every test packet (nanosecond precision, as protobuf carries). */
  protected static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456789Z");

  private @Nullable Bus bus;
  private String token = "";
  private String prefix = "";

  /** Creates a fresh bus for one test; the suite closes it after the test. */
  protected abstract Bus createBus();

  @BeforeEach
  void openBus() {
    token = "ct" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    prefix = "job." + token;
    bus = createBus();
  }

  @AfterEach
  void closeBus() {
    if (bus != null) {
      bus.close();
    }
  }

  /** The bus under test. */
  protected final Bus bus() {
    if (bus == null) {
      throw new IllegalStateException("no bus: createBus() has not run");
    }
    return bus;
  }

  /** A subject unique to the running test: {@code job.<random>.<suffix>}. */
  protected final String subject(String suffix) {
    return prefix + "." + suffix;
  }

  /**
   * A packet identified by its trace id {@code id}, carrying a job request whose job id is {@link
   * #uniqueId(String) unique to the test}: JetStream deduplicates job requests by job id alone,
   * across subjects, so ids reused by another test would be dropped as duplicates.
   */
  protected final BusPacket packet(String id) {
    return BusPacket.of(
        id,
        "contract-test",
        CREATED,
        JobRequest.builder().jobId(uniqueId(id)).topic("job.default").build());
  }

  /** An id unique to the running test: {@code <random>-<id>}. */
  protected final String uniqueId(String id) {
    return token + "-" + id;
  }

  /** Awaitility with the suite's timeout and a short poll interval. */
  protected static ConditionFactory eventually() {
    return Awaitility.await()
        .atMost(TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5));
  }

  /** Awaitility that requires a condition to hold for {@link #QUIET}. */
  protected static ConditionFactory staysTrue() {
    return Awaitility.await()
        .during(QUIET)
        .atMost(QUIET.plus(TIMEOUT))
        .pollInterval(Duration.ofMillis(10));
  }

  private void publishAll(String subject, List<String> ids) {
    for (String id : ids) {
      bus().publish(subject, packet(id));
    }
  }

  private static List<String> ids(String prefix, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  // ---------------------------------------------------------------------------------------------
  // Matching

  @Test
  void deliversToTheExactSubjectOnly() {
    RecordingHandler h = new RecordingHandler();
    bus().subscribe(subject("a"), null, h);

    bus().publish(subject("b"), packet("other"));
    bus().publish(subject("ab"), packet("prefix-equal"));
    bus().publish(subject("a.x"), packet("longer"));
    bus().publish(subject("a"), packet("mine"));

    eventually().until(() -> h.traceIds().contains("mine"));
    // Publish order holds per subscription, so anything wrongly matched would have come first.
    assertThat(h.traceIds()).containsExactly("mine");
    BusMessage m = h.messages().get(0);
    assertThat(m.subject()).isEqualTo(subject("a"));
    assertThat(m.deliveryAttempt()).isEqualTo(1);
    assertThat(m.redelivered()).isFalse();
    assertThat(m.packet()).isEqualTo(packet("mine"));
  }

  @Test
  void wildcardsReceiveWhatTheyMatchAndNothingElse() {
    RecordingHandler star = new RecordingHandler();
    RecordingHandler tail = new RecordingHandler();
    RecordingHandler exact = new RecordingHandler();
    RecordingHandler midStar = new RecordingHandler();
    bus().subscribe(subject("*"), null, star);
    bus().subscribe(subject(">"), null, tail);
    bus().subscribe(subject("a"), null, exact);
    bus().subscribe(subject("*.x"), null, midStar);

    String root = prefix; // a subject no pattern above matches: '>' needs one more token
    String unrelated = "job.other" + prefix.substring("job.".length()) + ".a";
    List<String> order =
        List.of(root, unrelated, subject("a.x"), subject("b.y"), subject("b"), subject("a"));
    for (String s : order) {
      bus().publish(s, packet(s));
    }

    // subject("a") is published last and matches all but midStar; wait for it, then check.
    eventually()
        .until(
            () ->
                star.subjects().contains(subject("a"))
                    && tail.subjects().contains(subject("a"))
                    && exact.subjects().contains(subject("a"))
                    && midStar.subjects().contains(subject("a.x")));
    assertThat(star.subjects()).containsExactly(subject("b"), subject("a"));
    assertThat(tail.subjects())
        .containsExactly(subject("a.x"), subject("b.y"), subject("b"), subject("a"));
    assertThat(exact.subjects()).containsExactly(subject("a"));
    // midStar's last match (a.x) came before b.y, b and a: confirm none of those arrives.
    staysTrue().until(() -> midStar.subjects().equals(List.of(subject("a.x"))));
  }

  // ---------------------------------------------------------------------------------------------
  // Fan-out and queue groups

  @Test
  void aMessageIdReachesSubscribersOutsideThePacket() {
    RecordingHandler h = new RecordingHandler();
    bus().subscribe(subject("mid"), null, h);
    bus().publish(subject("mid"), packet("with"), "job-1@2");
    bus().publish(subject("mid"), packet("without"));
    eventually().until(() -> h.count() == 2);
    assertThat(h.messages())
        .extracting(BusMessage::messageId)
        .containsExactlyInAnyOrder("job-1@2", "");
  }

  @Test
  void everyPlainSubscriberReceivesEveryMessage() {
    RecordingHandler first = new RecordingHandler();
    RecordingHandler second = new RecordingHandler();
    bus().subscribe(subject("fan"), null, first);
    bus().subscribe(subject("fan"), null, second);
    List<String> ids = ids("m", 50);

    publishAll(subject("fan"), ids);

    eventually().until(() -> first.count() >= 50 && second.count() >= 50);
    assertThat(first.traceIds()).isEqualTo(ids);
    assertThat(second.traceIds()).isEqualTo(ids);
  }

  @Test
  void queueGroupHandsEachMessageToExactlyOneMember() {
    Map<String, AtomicInteger> perMessage = new ConcurrentHashMap<>();
    AtomicInteger byA = new AtomicInteger();
    AtomicInteger byB = new AtomicInteger();
    bus().subscribe(subject("work"), "workers", countInto(perMessage, byA));
    bus().subscribe(subject("work"), "workers", countInto(perMessage, byB));
    int n = 200;

    publishAll(subject("work"), ids("m", n));

    eventually().until(() -> byA.get() + byB.get() >= n);
    staysTrue().until(() -> byA.get() + byB.get() == n);
    assertThat(perMessage).hasSize(n);
    assertThat(perMessage.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
    assertThat(byA.get()).as("messages handled by member A").isPositive();
    assertThat(byB.get()).as("messages handled by member B").isPositive();
  }

  @Test
  void plainSubscriberBesideAQueueGroupGetsEveryMessage() {
    Map<String, AtomicInteger> perMessage = new ConcurrentHashMap<>();
    AtomicInteger byGroup = new AtomicInteger();
    RecordingHandler tap = new RecordingHandler();
    bus().subscribe(subject("work"), "workers", countInto(perMessage, byGroup));
    bus().subscribe(subject("work"), "workers", countInto(perMessage, byGroup));
    bus().subscribe(subject("work"), null, tap);
    List<String> ids = ids("m", 100);

    publishAll(subject("work"), ids);

    eventually().until(() -> tap.count() >= 100 && byGroup.get() >= 100);
    assertThat(tap.traceIds()).isEqualTo(ids);
    staysTrue().until(() -> byGroup.get() == 100);
    assertThat(perMessage.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }

  @Test
  void anObserverSeesEveryMessageBesideAQueueGroupAndNeverAsksForRedelivery() {
    Map<String, AtomicInteger> perMessage = new ConcurrentHashMap<>();
    AtomicInteger byGroup = new AtomicInteger();
    bus().subscribe(subject("observed"), "workers", countInto(perMessage, byGroup));
    RecordingHandler seen = new RecordingHandler();
    bus()
        .observe(
            subject("observed"),
            m -> {
              seen.handle(m);
              if (m.packet().traceId().equals("m3")) {
                throw new RetryLaterException(Duration.ofMillis(10), "an observer cannot retry");
              }
            });
    List<String> ids = ids("m", 20);

    publishAll(subject("observed"), ids);

    eventually().until(() -> seen.count() >= 20 && byGroup.get() >= 20);
    staysTrue().until(() -> seen.count() == 20 && byGroup.get() == 20);
    assertThat(seen.traceIds()).isEqualTo(ids);
    assertThat(seen.messages()).allSatisfy(m -> assertThat(m.deliveryAttempt()).isEqualTo(1));
  }

  @Test
  void twoQueueGroupsEachGetEveryMessageOnce() {
    Map<String, AtomicInteger> inFirst = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> inSecond = new ConcurrentHashMap<>();
    AtomicInteger first = new AtomicInteger();
    AtomicInteger second = new AtomicInteger();
    bus().subscribe(subject("work"), "scheduler", countInto(inFirst, first));
    bus().subscribe(subject("work"), "scheduler", countInto(inFirst, first));
    bus().subscribe(subject("work"), "workflow", countInto(inSecond, second));
    bus().subscribe(subject("work"), "workflow", countInto(inSecond, second));

    publishAll(subject("work"), ids("m", 60));

    eventually().until(() -> first.get() >= 60 && second.get() >= 60);
    staysTrue().until(() -> first.get() == 60 && second.get() == 60);
    assertThat(inFirst).hasSize(60);
    assertThat(inSecond).hasSize(60);
  }

  private static MessageHandler countInto(
      Map<String, AtomicInteger> perMessage, AtomicInteger total) {
    return m -> {
      perMessage.computeIfAbsent(m.packet().traceId(), k -> new AtomicInteger()).incrementAndGet();
      total.incrementAndGet();
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Ordering and concurrency

  @Test
  void aSubscriptionReceivesMessagesInPublishOrder() {
    RecordingHandler h = new RecordingHandler();
    bus().subscribe(subject("ordered"), null, h);
    List<String> ids = ids("m", 1000);

    publishAll(subject("ordered"), ids);

    eventually().until(() -> h.count() >= 1000);
    assertThat(h.traceIds()).isEqualTo(ids);
  }

  @Test
  void concurrentPublishersAreAllReceivedExactlyOnce() throws Exception {
    RecordingHandler h = new RecordingHandler();
    bus().subscribe(subject("many"), null, h);
    int threads = 4;
    int perThread = 500;
    ExecutorService publishers = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String id = "p" + t + "-";
        done.add(
            publishers.submit(
                () -> {
                  start.await();
                  publishAll(subject("many"), ids(id, perThread));
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      publishers.shutdownNow();
    }

    eventually().until(() -> h.count() >= threads * perThread);
    List<String> received = h.traceIds();
    assertThat(received).hasSize(threads * perThread);
    assertThat(new HashSet<>(received)).hasSize(threads * perThread);
    for (int t = 0; t < threads; t++) {
      String id = "p" + t + "-";
      // Each publisher's own messages keep their order.
      assertThat(received.stream().filter(s -> s.startsWith(id)).toList())
          .as("messages of publisher %d", t)
          .isEqualTo(ids(id, perThread));
    }
  }

  @Test
  void aSlowHandlerDoesNotHoldUpAnotherSubscription() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowStarted = new AtomicInteger();
    AtomicInteger slowDone = new AtomicInteger();
    RecordingHandler fast = new RecordingHandler();
    bus()
        .subscribe(
            subject("s"),
            null,
            m -> {
              slowStarted.incrementAndGet();
              if (!release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("never released");
              }
              slowDone.incrementAndGet();
            });
    bus().subscribe(subject("s"), null, fast);
    try {
      publishAll(subject("s"), ids("m", 20));

      // The slow handler may start after the fast one is done: wait for both, then check that
      // it never got past its first message.
      eventually().until(() -> fast.count() >= 20 && slowStarted.get() >= 1);
      assertThat(slowStarted.get())
          .as("the slow handler is still on its first message")
          .isEqualTo(1);
      assertThat(slowDone.get()).isZero();
    } finally {
      release.countDown();
    }
    eventually().until(() -> slowDone.get() == 20);
  }

  @Test
  void aHandlerMayPublish() {
    RecordingHandler pong = new RecordingHandler();
    bus().subscribe(subject("pong"), null, pong);
    bus()
        .subscribe(
            subject("ping"),
            null,
            m -> bus().publish(subject("pong"), packet("re-" + m.packet().traceId())));

    publishAll(subject("ping"), ids("m", 10));

    eventually().until(() -> pong.count() >= 10);
    assertThat(pong.traceIds()).isEqualTo(ids("re-m", 10));
  }

  // ---------------------------------------------------------------------------------------------
  // Handler outcomes

  @Test
  void retryLaterRedeliversTheSamePacketWithTheNextAttempt() {
    assertRetryLaterRedelivers(null);
  }

  @Test
  void retryLaterInAQueueGroupRedeliversToTheGroup() {
    assertRetryLaterRedelivers("workers");
  }

  private void assertRetryLaterRedelivers(@Nullable String queueGroup) {
    RecordingHandler seen = new RecordingHandler();
    bus()
        .subscribe(
            subject("retry"),
            queueGroup,
            m -> {
              seen.handle(m);
              if (m.packet().traceId().equals("again") && m.deliveryAttempt() == 1) {
                throw new RetryLaterException(Duration.ofMillis(50), "not yet");
              }
            });
    BusPacket published = packet("again");

    bus().publish(subject("retry"), published);

    eventually().until(() -> seen.count() >= 2);
    List<BusMessage> attempts = seen.messages();
    assertThat(attempts.get(0).deliveryAttempt()).isEqualTo(1);
    assertThat(attempts.get(1).deliveryAttempt()).isEqualTo(2);
    assertThat(attempts.get(1).redelivered()).isTrue();
    assertThat(attempts.get(1).packet()).isEqualTo(published);
    assertThat(attempts.get(1).subject()).isEqualTo(subject("retry"));

    // Acknowledged on attempt 2: once a later marker is through, there was no third attempt.
    bus().publish(subject("retry"), packet("marker"));
    eventually().until(() -> seen.traceIds().contains("marker"));
    assertThat(seen.traceIds()).containsExactly("again", "again", "marker");
  }

  @Test
  void anotherExceptionIsNotRedelivered() {
    RecordingHandler seen = new RecordingHandler();
    bus()
        .subscribe(
            subject("fail"),
            null,
            m -> {
              seen.handle(m);
              if (m.packet().traceId().equals("bad")) {
                throw new IllegalStateException("handler bug (expected by the test)");
              }
            });

    bus().publish(subject("fail"), packet("bad"));
    bus().publish(subject("fail"), packet("marker"));

    eventually().until(() -> seen.traceIds().contains("marker"));
    assertThat(seen.traceIds()).containsExactly("bad", "marker");
    assertThat(seen.messages()).allSatisfy(m -> assertThat(m.deliveryAttempt()).isEqualTo(1));
  }

  @Test
  void aCheckedExceptionIsNotRedeliveredEither() {
    RecordingHandler seen = new RecordingHandler();
    bus()
        .subscribe(
            subject("fail"),
            "workers",
            m -> {
              seen.handle(m);
              if (m.packet().traceId().equals("bad")) {
                throw new java.io.IOException("checked failure (expected by the test)");
              }
            });

    bus().publish(subject("fail"), packet("bad"));
    bus().publish(subject("fail"), packet("marker"));

    eventually().until(() -> seen.traceIds().contains("marker"));
    assertThat(seen.traceIds()).containsExactly("bad", "marker");
  }

  // ---------------------------------------------------------------------------------------------
  // Subscriptions and lifecycle

  @Test
  void aSubscriptionDescribesItself() {
    Subscription plain = bus().subscribe(subject(">"), null, m -> {});
    Subscription queued = bus().subscribe(subject("*"), "workers", m -> {});

    assertThat(plain.subject()).isEqualTo(subject(">"));
    assertThat(plain.queueGroup()).isNull();
    assertThat(plain.isActive()).isTrue();
    assertThat(queued.subject()).isEqualTo(subject("*"));
    assertThat(queued.queueGroup()).isEqualTo("workers");
    assertThat(queued.isActive()).isTrue();
  }

  @Test
  void aClosedSubscriptionStopsReceiving() {
    RecordingHandler closed = new RecordingHandler();
    RecordingHandler witness = new RecordingHandler();
    Subscription sub = bus().subscribe(subject("c"), null, closed);
    bus().subscribe(subject("c"), null, witness);
    bus().publish(subject("c"), packet("before"));
    eventually().until(() -> closed.count() == 1 && witness.count() == 1);

    sub.close();
    sub.close(); // idempotent

    assertThat(sub.isActive()).isFalse();
    bus().publish(subject("c"), packet("after"));
    eventually().until(() -> witness.traceIds().contains("after"));
    staysTrue().until(() -> closed.traceIds().equals(List.of("before")));
  }

  @Test
  void aClosedQueueMemberLeavesTheRestToTheOthers() {
    RecordingHandler leaving = new RecordingHandler();
    RecordingHandler staying = new RecordingHandler();
    Subscription sub = bus().subscribe(subject("q"), "workers", leaving);
    bus().subscribe(subject("q"), "workers", staying);

    sub.close();
    publishAll(subject("q"), ids("m", 20));

    eventually().until(() -> staying.count() >= 20);
    assertThat(staying.traceIds()).isEqualTo(ids("m", 20));
    assertThat(leaving.count()).isZero();
  }

  @Test
  void publishRejectsSubjectsThatAreNotLiteral() {
    for (String bad :
        List.of(
            "",
            " ",
            "*",
            ">",
            subject("*"),
            subject(">"),
            subject("a*"),
            prefix + "..a",
            "." + prefix,
            prefix + ".",
            subject("a b"),
            subject("a\tb"))) {
      assertThatThrownBy(() -> bus().publish(bad, packet("x")))
          .as("publish to \"%s\"", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void subscribeRejectsMalformedPatternsAndQueueGroups() {
    for (String bad :
        List.of(
            "",
            " ",
            prefix + "..a",
            "." + prefix,
            prefix + ".",
            subject(">.a"),
            subject("a>"),
            subject("*a"),
            ">.>",
            subject("a b"))) {
      assertThatThrownBy(() -> bus().subscribe(bad, null, m -> {}))
          .as("subscribe to \"%s\"", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (String badGroup : List.of("", " ", "a b", "a\tb")) {
      assertThatThrownBy(() -> bus().subscribe(subject("a"), badGroup, m -> {}))
          .as("queue group \"%s\"", badGroup)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aClosedBusRefusesToPublishOrSubscribe() {
    Subscription sub = bus().subscribe(subject("a"), null, m -> {});

    bus().close();
    bus().close(); // idempotent

    assertThat(sub.isActive()).isFalse();
    assertThatThrownBy(() -> bus().publish(subject("a"), packet("late")))
        .isInstanceOfAny(IllegalStateException.class, CordumException.class);
    assertThatThrownBy(() -> bus().subscribe(subject("a"), null, m -> {}))
        .isInstanceOfAny(IllegalStateException.class, CordumException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // Payload fidelity

  @Test
  void packetsArriveEqualToWhatWasPublished() {
    RecordingHandler h = new RecordingHandler();
    bus().subscribe(subject("fidelity"), null, h);
    JobRequest request =
        JobRequest.builder()
            .jobId(uniqueId("job-42"))
            .topic("job.default")
            .priority(JobPriority.CRITICAL)
            .contextPtr("redis://ctx:" + uniqueId("job-42"))
            .adapterId("adapter")
            .putEnv("CORDUM_TENANT", "acme")
            .putEnv("MODE", "fast")
            .workflowId("wf-1")
            .parentJobId("job-41")
            .stepIndex(3)
            .tenantId("acme")
            .principalId("alice")
            .putLabels("region", "eu")
            .putLabels("gpu", "true")
            .budget(Budget.ofDeadline(Duration.ofSeconds(30)))
            .meta(
                JobMetadata.builder()
                    .tenantId("acme")
                    .capability("summarize")
                    .requires(List.of("gpu", "llm"))
                    .labels(Map.of("team", "search"))
                    .build())
            .build();
    BusPacket signed =
        BusPacket.builder()
            .traceId("trace-1")
            .senderId("gateway")
            .createdAt(CREATED)
            .payload(request)
            .signature(new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff})
            .build();
    BusPacket heartbeat =
        BusPacket.of(
            "",
            "worker-1",
            CREATED,
            Heartbeat.builder()
                .workerId(uniqueId("worker-1"))
                .pool("default")
                .cpuLoad(12.5f)
                .activeJobs(2)
                .maxParallelJobs(8)
                .capabilities("echo", "summarize")
                .putLabels("zone", "a")
                .build());
    BusPacket bare = BusPacket.builder().traceId("bare").build();

    bus().publish(subject("fidelity"), signed);
    bus().publish(subject("fidelity"), heartbeat);
    bus().publish(subject("fidelity"), bare);

    eventually().until(() -> h.count() >= 3);
    List<BusMessage> got = h.messages();
    assertThat(got.get(0).packet()).isEqualTo(signed);
    assertThat(got.get(0).packet().signature()).containsExactly(signed.signature());
    assertThat(got.get(0).packet().jobRequest()).isEqualTo(request);
    assertThat(got.get(1).packet()).isEqualTo(heartbeat);
    assertThat(got.get(2).packet()).isEqualTo(bare);
    assertThat(got).allSatisfy(m -> assertThat(m.subject()).isEqualTo(subject("fidelity")));
  }
}
