package io.cordum.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
}
