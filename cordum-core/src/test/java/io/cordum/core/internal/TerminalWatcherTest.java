package io.cordum.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Transition;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.testkit.ManualClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' watchers on one bus and store: a job finished on one completes a wait on the other.
 */
class TerminalWatcherTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryBus bus = InMemoryBus.builder().build();
  private final InMemoryJobStore store = new InMemoryJobStore(clock);
  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
  // Polling every hour: only the announcement can complete a wait within the test.
  private final TerminalWatcher waiting = new TerminalWatcher(store, executor, Duration.ofHours(1));
  private final TerminalWatcher finishing =
      new TerminalWatcher(store, executor, Duration.ofHours(1));

  @AfterEach
  void close() {
    waiting.close();
    finishing.close();
    executor.shutdownNow();
    bus.close();
  }

  @Test
  void aJobFinishedByAnotherReplicaCompletesTheWaitAtOnce() {
    waiting.listen(bus);
    finishing.listen(bus);
    store.save(JobRequest.builder().jobId("j1").topic("job.default").build(), "t1");
    CompletableFuture<JobRecord> f = waiting.await("j1");
    assertThat(f).isNotDone();

    store.transition("j1", Transition.of(JobState.RUNNING));
    JobRecord done = store.transition("j1", Transition.of(JobState.SUCCEEDED));
    finishing.announce(done);

    await().atMost(Duration.ofSeconds(10)).until(f::isDone);
    assertThat(f.join().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aJobAwaitedWhereItFinishedIsNotAnnounced() {
    java.util.List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    bus.subscribe(TerminalWatcher.SUBJECT, null, m -> announced.add(m.packet().traceId()));
    finishing.listen(bus);
    for (String id : new String[] {"here", "elsewhere"}) {
      store.save(JobRequest.builder().jobId(id).topic("job.default").build(), id);
      store.transition(id, Transition.of(JobState.RUNNING));
    }
    CompletableFuture<JobRecord> local = finishing.await("here");

    finishing.announce(store.transition("here", Transition.of(JobState.SUCCEEDED)));
    finishing.announce(store.transition("elsewhere", Transition.of(JobState.SUCCEEDED)));

    assertThat(local).isDone();
    assertThat(bus.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
    assertThat(announced).containsExactly("elsewhere");
  }

  @Test
  void aWatcherThatIsNotListeningMissesTheAnnouncement() {
    finishing.listen(bus);
    store.save(JobRequest.builder().jobId("j2").topic("job.default").build(), "t2");
    CompletableFuture<JobRecord> f = waiting.await("j2");

    store.transition("j2", Transition.of(JobState.RUNNING));
    finishing.announce(store.transition("j2", Transition.of(JobState.FAILED)));

    assertThat(bus.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
    assertThat(f).isNotDone(); // no listener, no poll within the test: still waiting
  }

  /** A store that counts {@code get} calls (the reads a wait costs). */
  private static JobStore counting(JobStore delegate, AtomicInteger gets) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("get")) {
                gets.incrementAndGet();
              }
              try {
                return method.invoke(delegate, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aJobSubmittedHereIsAwaitedWithoutReadingTheStore() {
    AtomicInteger gets = new AtomicInteger();
    try (TerminalWatcher w =
        new TerminalWatcher(counting(store, gets), executor, Duration.ofHours(1))) {
      store.save(JobRequest.builder().jobId("mine").topic("job.default").build(), "t");
      w.expect("mine");
      CompletableFuture<JobRecord> f = w.await("mine");
      assertThat(f).isNotDone();
      assertThat(gets).hasValue(0);
      assertThat(w.isExpected("mine")).isFalse(); // a second wait reads

      store.transition("mine", Transition.of(JobState.RUNNING));
      w.announce(store.transition("mine", Transition.of(JobState.SUCCEEDED)));

      assertThat(f).isCompleted();
      assertThat(f.join().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(gets).hasValue(0);
    }
  }

  @Test
  void aJobSubmittedHereThatEndedBeforeTheWaitIsReadNotWaitedFor() {
    AtomicInteger gets = new AtomicInteger();
    try (TerminalWatcher w =
        new TerminalWatcher(counting(store, gets), executor, Duration.ofHours(1))) {
      store.save(JobRequest.builder().jobId("quick").topic("job.default").build(), "t");
      w.expect("quick");
      store.transition("quick", Transition.of(JobState.RUNNING));
      w.terminal(store.transition("quick", Transition.of(JobState.FAILED)));

      CompletableFuture<JobRecord> f = w.await("quick");

      assertThat(f).isCompleted();
      assertThat(f.join().state()).isEqualTo(JobState.FAILED);
      assertThat(gets).hasValue(1);
    }
  }

  @Test
  void anAnnouncementClearsTheMarkSoTheWaitReadsTheEndedJob() {
    waiting.listen(bus);
    finishing.listen(bus);
    store.save(JobRequest.builder().jobId("j3").topic("job.default").build(), "t3");
    waiting.expect("j3");
    store.transition("j3", Transition.of(JobState.RUNNING));
    finishing.announce(store.transition("j3", Transition.of(JobState.SUCCEEDED)));
    assertThat(bus.awaitQuiescence(Duration.ofSeconds(10))).isTrue();

    CompletableFuture<JobRecord> f = waiting.await("j3");

    assertThat(f).isCompleted();
    assertThat(f.join().state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aWaitIsPolledFirstAfterFiveIntervalsThenAtDoublingIntervalsUpToForty() {
    AtomicInteger gets = new AtomicInteger();
    AtomicLong nanos = new AtomicLong(1_000);
    long hour = Duration.ofHours(1).toNanos();
    try (TerminalWatcher w =
        new TerminalWatcher(counting(store, gets), executor, Duration.ofHours(1), nanos::get)) {
      store.save(JobRequest.builder().jobId("slow").topic("job.default").build(), "t");
      store.transition("slow", Transition.of(JobState.RUNNING));
      CompletableFuture<JobRecord> f = w.await("slow"); // not expected: one read now
      assertThat(gets).hasValue(1);

      List<Long> readAt = new ArrayList<>(); // hours since the wait began
      for (long h = 1; h <= 200; h++) {
        nanos.set(1_000 + h * hour);
        int before = gets.get();
        w.poll();
        if (gets.get() > before) {
          readAt.add(h);
        }
      }
      assertThat(readAt).containsExactly(5L, 15L, 35L, 75L, 115L, 155L, 195L);
      assertThat(f).isNotDone();

      // Ended without a report or an announcement (a cancel through the store): the next poll
      // completes the wait.
      store.cancel("slow", "through the store");
      nanos.set(1_000 + 235 * hour);
      w.poll();
      assertThat(f).isCompleted();
      assertThat(f.join().state()).isEqualTo(JobState.CANCELLED);
    }
  }

  @Test
  void marksOfJobsNeverAwaitedAreBounded() {
    try (TerminalWatcher w = new TerminalWatcher(store, executor, Duration.ofHours(1))) {
      for (int i = 0; i < TerminalWatcher.MAX_EXPECTED; i++) {
        w.expect("j" + i);
      }
      assertThat(w.isExpected("j0")).isTrue();

      w.expect("one-more");

      assertThat(w.isExpected("j0")).isFalse();
      assertThat(w.isExpected("one-more")).isTrue();
    }
  }

  @Test
  void theFirstPollFollowsHowLongWaitsTheBusEndsUsuallyLast() {
    AtomicLong nanos = new AtomicLong(0);
    long ms = 1_000_000;
    try (TerminalWatcher w =
        new TerminalWatcher(store, executor, Duration.ofMillis(10), nanos::get)) {
      assertThat(w.firstPollNanos()).isEqualTo(50 * ms); // five intervals, the least
      for (int i = 0; i < 200; i++) { // waits of 100 ms, each ended by its report
        String id = "w" + i;
        store.save(JobRequest.builder().jobId(id).topic("job.default").build(), id);
        w.expect(id);
        nanos.set(i * 1_000 * ms);
        CompletableFuture<JobRecord> f = w.await(id);
        nanos.addAndGet(100 * ms);
        store.transition(id, Transition.of(JobState.RUNNING));
        w.terminal(store.transition(id, Transition.of(JobState.SUCCEEDED)));
        assertThat(f).isCompleted();
      }
      assertThat(w.firstPollNanos()).isBetween(195 * ms, 200 * ms); // twice the usual wait

      for (int i = 0; i < 200; i++) { // waits of 1 s: capped at forty intervals
        String id = "long" + i;
        store.save(JobRequest.builder().jobId(id).topic("job.default").build(), id);
        w.expect(id);
        CompletableFuture<JobRecord> f = w.await(id);
        nanos.addAndGet(1_000 * ms);
        store.transition(id, Transition.of(JobState.RUNNING));
        w.terminal(store.transition(id, Transition.of(JobState.SUCCEEDED)));
        assertThat(f).isCompleted();
      }
      assertThat(w.firstPollNanos()).isEqualTo(400 * ms);
    }
  }
}
