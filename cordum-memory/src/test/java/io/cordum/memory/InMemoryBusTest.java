package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.testkit.BusContract;
import io.cordum.testkit.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The bus contract on the default in-memory bus, plus what only the in-memory bus promises. */
class InMemoryBusTest extends BusContract {

  @Override
  protected Bus createBus() {
    return InMemoryBus.builder().build();
  }

  private static CountDownLatch latch() {
    return new CountDownLatch(1);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("latch not released");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Redelivery

  @Test
  void maxDeliverDropsAMessageThatKeepsAskingForRetry() {
    try (InMemoryBus bus = InMemoryBus.builder().maxDeliver(3).build()) {
      RecordingHandler seen = new RecordingHandler();
      bus.subscribe(
          subject("retry"),
          null,
          m -> {
            seen.handle(m);
            throw new RetryLaterException(Duration.ZERO, "never ready");
          });

      bus.publish(subject("retry"), packet("m"));

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(seen.messages()).extracting(BusMessage::deliveryAttempt).containsExactly(1, 2, 3);
      assertThat(bus.droppedMessages()).isEqualTo(1);
      assertThat(bus.redeliveries()).isEqualTo(2);
      assertThat(bus.handlerFailures()).isZero();
    }
  }

  @Test
  void aRetryLaterExceptionInTheCauseChainCounts() {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      RecordingHandler seen = new RecordingHandler();
      bus.subscribe(
          subject("retry"),
          null,
          m -> {
            seen.handle(m);
            if (m.deliveryAttempt() == 1) {
              throw new CompletionException(
                  new RetryLaterException(Duration.ofMillis(10), "wrapped"));
            }
          });

      bus.publish(subject("retry"), packet("m"));

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(seen.messages()).extracting(BusMessage::deliveryAttempt).containsExactly(1, 2);
      assertThat(bus.handlerFailures()).isZero();
    }
  }

  @Test
  void aRedeliveryGoesToAMemberActiveWhenItIsDue() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch timerGate = latch();
    try (InMemoryBus bus = InMemoryBus.builder().scheduler(timer).build()) {
      // Hold the timer thread so the redelivery cannot run until the group has changed.
      timer.execute(
          () -> {
            try {
              await(timerGate);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      CountDownLatch refused = latch();
      Subscription first =
          bus.subscribe(
              subject("q"),
              "workers",
              m -> {
                refused.countDown();
                throw new RetryLaterException(Duration.ZERO, "not me");
              });
      RecordingHandler second = new RecordingHandler();

      bus.publish(subject("q"), packet("m"));
      await(refused);
      first.close();
      bus.subscribe(subject("q"), "workers", second);
      timerGate.countDown();

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(second.messages())
          .singleElement()
          .satisfies(m -> assertThat(m.deliveryAttempt()).isEqualTo(2));
      assertThat(bus.droppedMessages()).isZero();
    } finally {
      timerGate.countDown();
      timer.shutdownNow();
    }
  }

  @Test
  void aRedeliveryToAClosedPlainSubscriptionIsDropped() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch timerGate = latch();
    try (InMemoryBus bus = InMemoryBus.builder().scheduler(timer).build()) {
      timer.execute(
          () -> {
            try {
              await(timerGate);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      CountDownLatch refused = latch();
      AtomicInteger calls = new AtomicInteger();
      Subscription sub =
          bus.subscribe(
              subject("p"),
              null,
              m -> {
                calls.incrementAndGet();
                refused.countDown();
                throw new RetryLaterException(Duration.ZERO, "later");
              });

      bus.publish(subject("p"), packet("m"));
      await(refused);
      sub.close();
      timerGate.countDown();

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(calls.get()).isEqualTo(1);
      assertThat(bus.droppedMessages()).isEqualTo(1);
    } finally {
      timerGate.countDown();
      timer.shutdownNow();
    }
  }

  @Test
  void closingTheBusCancelsPendingRedeliveries() throws Exception {
    InMemoryBus bus = InMemoryBus.builder().build();
    CountDownLatch refused = latch();
    AtomicInteger calls = new AtomicInteger();
    bus.subscribe(
        subject("r"),
        null,
        m -> {
          calls.incrementAndGet();
          refused.countDown();
          throw new RetryLaterException(Duration.ofHours(1), "much later");
        });
    bus.publish(subject("r"), packet("m"));
    await(refused);

    bus.close(); // whether the handler has thrown yet or not, the redelivery never happens

    assertThat(bus.awaitQuiescence(Duration.ZERO)).isTrue();
    assertThat(bus.droppedMessages()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Closing subscriptions

  @Test
  void closingAQueueMemberHandsItsQueuedMessagesToAnotherMember() throws Exception {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      CountDownLatch release = latch();
      Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
      AtomicInteger byStuck = new AtomicInteger();
      RecordingHandler other = new RecordingHandler();
      Subscription stuck =
          bus.subscribe(
              subject("q"),
              "workers",
              m -> {
                byStuck.incrementAndGet();
                handled
                    .computeIfAbsent(m.packet().traceId(), k -> new AtomicInteger())
                    .incrementAndGet();
                await(release);
              });
      bus.subscribe(
          subject("q"),
          "workers",
          m -> {
            other.handle(m);
            handled
                .computeIfAbsent(m.packet().traceId(), k -> new AtomicInteger())
                .incrementAndGet();
          });
      try {
        for (int i = 0; i < 10; i++) {
          bus.publish(subject("q"), packet("m" + i));
        }
        // Round-robin: 5 each; the stuck member holds one and has four queued.
        eventuallyTrue(() -> byStuck.get() == 1 && other.count() == 5);

        stuck.close();

        eventuallyTrue(() -> other.count() == 9);
        assertThat(byStuck.get()).isEqualTo(1);
      } finally {
        release.countDown();
      }
      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(handled).hasSize(10);
      assertThat(handled.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
      assertThat(bus.droppedMessages()).isZero();
    }
  }

  @Test
  void closingTheLastMemberDropsItsQueuedMessages() throws Exception {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      CountDownLatch release = latch();
      AtomicInteger started = new AtomicInteger();
      AtomicInteger finished = new AtomicInteger();
      Subscription sub =
          bus.subscribe(
              subject("q"),
              "workers",
              m -> {
                started.incrementAndGet();
                await(release);
                finished.incrementAndGet();
              });
      try {
        for (int i = 0; i < 3; i++) {
          bus.publish(subject("q"), packet("m" + i));
        }
        eventuallyTrue(() -> started.get() == 1);

        sub.close();
        assertThat(bus.droppedMessages()).isEqualTo(2);
      } finally {
        release.countDown();
      }
      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(finished.get()).as("the message in flight finishes").isEqualTo(1);
      assertThat(started.get()).isEqualTo(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Quiescence, executors, lifecycle

  @Test
  void awaitQuiescenceWaitsForQueuedAndRunningHandlers() throws Exception {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      assertThat(bus.awaitQuiescence(Duration.ZERO)).as("a new bus is quiet").isTrue();
      CountDownLatch release = latch();
      AtomicInteger done = new AtomicInteger();
      bus.subscribe(
          subject("w"),
          null,
          m -> {
            await(release);
            done.incrementAndGet();
          });
      bus.publish(subject("w"), packet("a"));
      bus.publish(subject("w"), packet("b"));

      assertThat(bus.awaitQuiescence(Duration.ofMillis(50))).isFalse();
      release.countDown();
      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(done.get()).isEqualTo(2);
    }
  }

  @Test
  void awaitQuiescenceWaitsForPendingRedeliveries() {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      RecordingHandler seen = new RecordingHandler();
      bus.subscribe(
          subject("r"),
          null,
          m -> {
            seen.handle(m);
            if (m.deliveryAttempt() == 1) {
              throw new RetryLaterException(Duration.ofMillis(200), "soon");
            }
          });

      bus.publish(subject("r"), packet("m"));

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(seen.count()).isEqualTo(2);
    }
  }

  @Test
  void awaitQuiescenceCoversMessagesPublishedByHandlers() {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      RecordingHandler end = new RecordingHandler();
      bus.subscribe(subject("end"), null, end);
      bus.subscribe(
          subject("hop"),
          null,
          m -> {
            int hop = Integer.parseInt(m.packet().traceId());
            bus.publish(subject(hop < 5 ? "hop" : "end"), packet(Integer.toString(hop + 1)));
          });

      bus.publish(subject("hop"), packet("0"));

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(end.traceIds()).containsExactly("6");
    }
  }

  @Test
  void hostExecutorsAreNotShutDown() throws Exception {
    ExecutorService handlers = Executors.newFixedThreadPool(2);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      InMemoryBus bus = InMemoryBus.builder().executor(handlers).scheduler(timer).build();
      RecordingHandler seen = new RecordingHandler();
      bus.subscribe(subject("h"), null, seen);
      bus.publish(subject("h"), packet("m"));
      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();

      bus.close();

      assertThat(seen.count()).isEqualTo(1);
      assertThat(handlers.isShutdown()).isFalse();
      assertThat(timer.isShutdown()).isFalse();
      assertThat(handlers.submit(() -> "still running").get(10, TimeUnit.SECONDS))
          .isEqualTo("still running");
    } finally {
      handlers.shutdownNow();
      timer.shutdownNow();
    }
  }

  @Test
  void internalThreadsAreNamedDaemonsAndStopOnClose() {
    InMemoryBus bus = InMemoryBus.builder().build();
    AtomicReference<Thread> handlerThread = new AtomicReference<>();
    bus.subscribe(subject("t"), null, m -> handlerThread.set(Thread.currentThread()));
    bus.publish(subject("t"), packet("m"));
    assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
    Thread t = handlerThread.get();
    assertThat(t.getName()).startsWith("cordum-bus-");
    assertThat(t.isDaemon()).isTrue();

    bus.close();

    eventuallyTrue(() -> !t.isAlive());
  }

  @Test
  void aRejectingExecutorDropsAndCountsTheMessage() {
    ExecutorService handlers = Executors.newSingleThreadExecutor();
    handlers.shutdown();
    try (InMemoryBus bus = InMemoryBus.builder().executor(handlers).build()) {
      bus.subscribe(subject("x"), null, m -> {});

      bus.publish(subject("x"), packet("m"));

      assertThat(bus.droppedMessages()).isEqualTo(1);
      assertThat(bus.awaitQuiescence(Duration.ZERO)).isTrue();
    }
  }

  @Test
  void aDirectExecutorDeliversBeforePublishReturnsAndKeepsOrder() {
    try (InMemoryBus bus = InMemoryBus.builder().executor(Runnable::run).build()) {
      RecordingHandler seen = new RecordingHandler();
      bus.subscribe(
          subject("d"),
          null,
          m -> {
            seen.handle(m);
            int n = Integer.parseInt(m.packet().traceId());
            if (n < 3) {
              bus.publish(subject("d"), packet(Integer.toString(n + 1))); // queued, not nested
            }
          });

      bus.publish(subject("d"), packet("0"));

      assertThat(seen.traceIds()).containsExactly("0", "1", "2", "3");
    }
  }

  @Test
  void closeFromAHandlerDoesNotWaitForThatHandler() {
    InMemoryBus bus = InMemoryBus.builder().shutdownTimeout(Duration.ofMinutes(5)).build();
    AtomicBoolean closed = new AtomicBoolean();
    bus.subscribe(
        subject("c"),
        null,
        m -> {
          bus.close();
          closed.set(true);
        });

    bus.publish(subject("c"), packet("m"));

    eventuallyTrue(closed::get);
    assertThatThrownBy(() -> bus.publish(subject("c"), packet("late")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRejectsBadOptions() {
    assertThatThrownBy(() -> InMemoryBus.builder().maxDeliver(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDeliver");
    assertThatThrownBy(() -> InMemoryBus.builder().maxDeliver(-2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryBus.builder().shutdownTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(InMemoryBus.DEFAULT_MAX_DELIVER).isEqualTo(InMemoryBus.UNLIMITED_DELIVERIES);
  }

  // ---------------------------------------------------------------------------------------------
  // Logging

  @Test
  void aFailingHandlerIsCountedAndLoggedWithTheSubjectInTheMdc() {
    Logger logger = (Logger) LoggerFactory.getLogger(InMemoryBus.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      AtomicReference<String> mdcInHandler = new AtomicReference<>();
      bus.subscribe(
          subject("f"),
          null,
          m -> {
            mdcInHandler.set(MDC.get("subject"));
            throw new IllegalStateException("boom (expected by the test)");
          });

      bus.publish(subject("f"), packet("m"));

      assertThat(bus.awaitQuiescence(TIMEOUT)).isTrue();
      assertThat(bus.handlerFailures()).isEqualTo(1);
      assertThat(bus.droppedMessages()).isZero();
      assertThat(mdcInHandler.get()).isEqualTo(subject("f"));
      List<ILoggingEvent> warnings =
          appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
      assertThat(warnings)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getFormattedMessage()).contains(subject("f"));
                assertThat(e.getMDCPropertyMap()).containsEntry("subject", subject("f"));
                assertThat(e.getThrowableProxy().getMessage()).contains("boom");
              });
    } finally {
      logger.detachAppender(appender);
    }
  }

  private static void eventuallyTrue(java.util.concurrent.Callable<Boolean> condition) {
    eventually().until(condition);
  }
}
