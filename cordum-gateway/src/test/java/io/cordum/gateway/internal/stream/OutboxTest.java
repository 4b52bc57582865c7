package io.cordum.gateway.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-client outbox: bounded, never blocking the producer, in order, bounded in flight. */
class OutboxTest {
  private final ExecutorService one = Executors.newSingleThreadExecutor();
  private final ExecutorService two = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    one.shutdownNow();
    two.shutdownNow();
  }

  /** Records frames and close calls; completes sends as told. */
  static class Fake implements Outbox.Transport {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> closes = new CopyOnWriteArrayList<>();
    final List<Consumer<@Nullable Throwable>> pending = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final boolean completes;

    Fake(boolean completes) {
      this.completes = completes;
    }

    @Override
    public void send(String text, Consumer<@Nullable Throwable> done) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      sent.add(text);
      if (completes) {
        inFlight.decrementAndGet();
        done.accept(null);
      } else {
        pending.add(
            t -> {
              inFlight.decrementAndGet();
              done.accept(t);
            });
      }
    }

    @Override
    public void close(int code, String reason) {
      closes.add(code + " " + reason);
    }
  }

  private static Outbox outbox(Fake t, ExecutorService pool, int capacity, List<String> closed) {
    return new Outbox(t, pool, capacity, (o, code, reason) -> closed.add(code + " " + reason));
  }

  private static Outbox outbox(
      Fake t, ExecutorService pool, int capacity, int inFlight, List<String> closed) {
    return new Outbox(
        t, pool, capacity, inFlight, (o, code, reason) -> closed.add(code + " " + reason));
  }

  @Test
  void aClientWhoseSendsNeverCompleteDoesNotDelayAnotherOnTheSameSingleSenderThread() {
    Fake blocked = new Fake(false);
    Fake fast = new Fake(true);
    List<String> closed = new CopyOnWriteArrayList<>();
    Outbox b = outbox(blocked, one, 8, closed);
    Outbox f = outbox(fast, one, 8, closed);
    for (int i = 0; i < 1000; i++) {
      b.offer("e" + i);
      f.offer("e" + i);
      int want = i + 1;
      // Each event reaches the fast client before the next is offered: it waits for nobody.
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fast.sent.size() >= want);
    }
    assertThat(fast.sent).hasSize(1000).startsWith("e0", "e1").endsWith("e999");
    assertThat(fast.closes).isEmpty();
    // The blocked client got its frames in flight, then its queue filled and it was closed.
    assertThat(blocked.sent).hasSize(Outbox.MAX_IN_FLIGHT).startsWith("e0", "e1");
    assertThat(blocked.maxInFlight.get()).isEqualTo(Outbox.MAX_IN_FLIGHT);
    assertThat(blocked.closes).containsExactly("1008 " + Outbox.slowReason(8));
    assertThat(closed).containsExactly("1008 " + Outbox.slowReason(8));
  }

  @Test
  void aSendThatBlocksItsThreadDoesNotDelayAnotherClient() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Fake stuck =
        new Fake(true) {
          @Override
          public void send(String text, Consumer<@Nullable Throwable> done) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.send(text, done);
          }
        };
    Fake fast = new Fake(true);
    List<String> closed = new CopyOnWriteArrayList<>();
    Outbox s = outbox(stuck, two, 256, closed);
    Outbox f = outbox(fast, two, 256, closed);
    s.offer("first");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // one sender thread is held
    for (int i = 0; i < 100; i++) {
      s.offer("e" + i);
      f.offer("e" + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> fast.sent.size() == 100);
    assertThat(stuck.sent).isEmpty();
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> stuck.sent.size() == 101);
    assertThat(stuck.sent).startsWith("first", "e0", "e1").endsWith("e99");
    assertThat(closed).isEmpty();
  }

  @Test
  void anOverflowingClientIsClosedWithTheSlowCodeAndItsQueueIsDropped() {
    Fake blocked = new Fake(false);
    List<String> closed = new CopyOnWriteArrayList<>();
    Outbox b = outbox(blocked, one, 4, 1, closed);
    assertThat(b.offer("e0")).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> blocked.sent.size() == 1);
    for (int i = 1; i <= 4; i++) {
      assertThat(b.offer("e" + i)).isTrue(); // the queue holds 4 besides the one in flight
    }
    assertThat(b.queued()).isEqualTo(4);
    assertThat(b.offer("e5")).isFalse();
    assertThat(Outbox.SLOW_CODE).isEqualTo(1008);
    assertThat(blocked.closes)
        .containsExactly(
            "1008 too slow: more than 4 events waiting; reconnect and consider filters");
    assertThat(closed).hasSize(1);
    assertThat(b.isClosed()).isTrue();
    assertThat(b.queued()).isZero();
    assertThat(b.offer("e6")).isFalse();
    assertThat(blocked.closes).hasSize(1);
    // The frame in flight completing late sends nothing more.
    blocked.pending.get(0).accept(null);
    assertThat(blocked.sent).containsExactly("e0");
  }

  @Test
  void memoryIsBoundedByTheCapacityWhateverIsOffered() {
    Fake blocked = new Fake(false);
    List<String> closed = new CopyOnWriteArrayList<>();
    Outbox b = outbox(blocked, one, 16, closed);
    b.offer("first");
    await().atMost(Duration.ofSeconds(10)).until(() -> blocked.sent.size() == 1);
    int maxQueued = 0;
    for (int i = 0; i < 100_000; i++) {
      b.offer("x" + i);
      maxQueued = Math.max(maxQueued, b.queued());
    }
    assertThat(maxQueued).isEqualTo(16);
    assertThat(b.queued()).isZero();
    assertThat(blocked.sent).hasSizeBetween(1, Outbox.MAX_IN_FLIGHT);
    assertThat(blocked.closes).hasSize(1);
  }

  @Test
  void framesGoOutInOrderWithBoundedFramesInFlightWhenSendsCompleteOnOtherThreads()
      throws Exception {
    ExecutorService completer = Executors.newSingleThreadExecutor();
    try {
      Fake async =
          new Fake(true) {
            @Override
            public void send(String text, Consumer<@Nullable Throwable> done) {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              sent.add(text);
              completer.execute(
                  () -> {
                    inFlight.decrementAndGet();
                    done.accept(null);
                  });
            }
          };
      List<String> closed = new CopyOnWriteArrayList<>();
      Outbox o = outbox(async, two, 10_000, closed);
      for (int i = 0; i < 5000; i++) {
        assertThat(o.offer(Integer.toString(i))).isTrue();
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> async.sent.size() == 5000);
      for (int i = 0; i < 5000; i++) {
        assertThat(async.sent.get(i)).isEqualTo(Integer.toString(i));
      }
      assertThat(async.maxInFlight.get()).isBetween(1, Outbox.MAX_IN_FLIGHT);
      assertThat(closed).isEmpty();
    } finally {
      completer.shutdownNow();
    }
  }

  @Test
  void aFailedSendClosesTheClient() {
    Fake failing = new Fake(false);
    List<String> closed = new CopyOnWriteArrayList<>();
    Outbox o = outbox(failing, one, 4, 1, closed);
    o.offer("e0");
    o.offer("e1");
    await().atMost(Duration.ofSeconds(10)).until(() -> failing.pending.size() == 1);
    failing.pending.get(0).accept(new java.io.IOException("reset"));
    assertThat(closed).containsExactly(Outbox.SEND_FAILED_CODE + " send failed");
    assertThat(o.offer("e2")).isFalse();
    assertThat(failing.sent).containsExactly("e0");
  }
}
