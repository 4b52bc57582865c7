package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Drives the job store's group commit deterministically: {@code CLIENT PAUSE WRITE} holds the first
 * write's {@code FCALL} in the server, so the writes made meanwhile queue behind it and go as one
 * batch once the pause ends. Shared by the single-server and the cluster tests.
 */
final class GroupCommitCases implements AutoCloseable {
  private final RedisJobStore store;
  private final UnifiedJedis admin;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  /**
   * @param store the store under test
   * @param admin a client to the (one) server holding the job store's slot, for CLIENT commands
   */
  GroupCommitCases(RedisJobStore store, UnifiedJedis admin) {
    this.store = store;
    this.admin = admin;
  }

  /** Holds every write command (FCALL included) in the server until {@link #resume()}. */
  void pause() {
    admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "60000", "WRITE");
  }

  void resume() {
    admin.sendCommand(Protocol.Command.CLIENT, "UNPAUSE");
  }

  /** Starts {@code write} on a thread of its own. */
  <T> Future<T> start(Callable<T> write) {
    return threads.submit(write);
  }

  /** Starts {@code write} and waits until its FCALL is held by the pause (the batch in flight). */
  <T> Future<T> startHeld(Callable<T> write) {
    Future<T> f = start(write);
    awaitHeldCalls(1);
    return f;
  }

  /** Starts every write and waits until they all wait in the store's queue. */
  <T> List<Future<T>> startQueued(List<Callable<T>> writes) {
    int before = store.queuedWrites();
    List<Future<T>> out = new ArrayList<>();
    writes.forEach(w -> out.add(start(w)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.queuedWrites() == before + writes.size());
    return out;
  }

  /** Waits until {@code n} FCALLs are held by the pause. */
  void awaitHeldCalls(int n) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heldCalls().size() == n);
  }

  /** The ids of the clients whose FCALL the pause holds. */
  List<String> heldCalls() {
    List<String> ids = new ArrayList<>();
    for (String line : clientList().split("\n")) {
      if (line.contains(" flags=b ") && line.contains(" cmd=fcall ")) {
        ids.add(line.substring(3, line.indexOf(' ')));
      }
    }
    return ids;
  }

  /** Closes the connection of every held FCALL (the server drops the held command). */
  void killHeldCalls() {
    for (String id : heldCalls()) {
      admin.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
    }
  }

  private String clientList() {
    Object reply = admin.sendCommand(Protocol.Command.CLIENT, "LIST");
    return new String((byte[]) reply, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** FCALLs the server ran since the last {@link #resetStats()}. */
  long fcalls() {
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_fcall:")) {
        String calls = line.substring(line.indexOf("calls=") + 6);
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return 0;
  }

  void resetStats() {
    admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
  }

  static JobRequest job(String id) {
    return JobRequest.builder().jobId(id).topic("job.t").tenantId("acme").build();
  }

  /**
   * Nine writes of one batch with every kind of outcome: successes, a version conflict, a state
   * conflict, an invalid transition, a new job's save and a cancel; each thread gets exactly its
   * own, and the successes are what reads return. The server runs two FCALLs: the first write's and
   * one batch of the eight made while it was in flight.
   */
  void mixedOutcomesInOneBatch() throws Exception {
    for (String id : List.of("lead", "a", "b", "c", "d", "e", "f")) {
      store.save(job(id), null);
    }
    store.cancel("f", "done before");
    resetStats();
    pause();
    Future<JobRecord> lead =
        startHeld(() -> store.transition("lead", Transition.of(JobState.SCHEDULED)));
    List<Callable<Object>> writes =
        List.of(
            () -> store.transition("a", Transition.of(JobState.SCHEDULED)),
            () ->
                store.transition("b", Transition.to(JobState.SCHEDULED).expectedVersion(7).build()),
            () -> store.transition("c", Transition.of(JobState.SCHEDULED)),
            () ->
                store.transition(
                    "d", Transition.to(JobState.SCHEDULED).expectedState(JobState.RUNNING).build()),
            () -> store.save(job("new"), "trace-n"),
            () -> store.transition("f", Transition.of(JobState.SCHEDULED)),
            () -> store.cancel("e", "stop"));
    List<Future<Object>> out = new ArrayList<>(startQueued(writes));
    // Queued after a's first write, so it runs after it in the same batch.
    out.addAll(
        startQueued(
            List.<Callable<Object>>of(
                () -> store.transition("a", Transition.of(JobState.DISPATCHED)))));
    resume();

    assertThat(lead.get().state()).isEqualTo(JobState.SCHEDULED);
    assertThat(((JobRecord) out.get(0).get()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(failure(out.get(1))).isInstanceOf(ConflictException.class);
    assertThat(((JobRecord) out.get(2).get()).version()).isEqualTo(2);
    assertThat(failure(out.get(3))).isInstanceOf(ConflictException.class);
    assertThat(((JobRecord) out.get(4).get()).traceId()).isEqualTo("trace-n");
    assertThat(failure(out.get(5)))
        .isInstanceOfSatisfying(
            InvalidTransitionException.class,
            e -> assertThat(e.getMessage()).contains("CANCELLED"));
    assertThat(((JobRecord) out.get(6).get()).state()).isEqualTo(JobState.CANCELLED);
    // Two writes of one job in one batch: applied in the order they queued.
    JobRecord dispatched = (JobRecord) out.get(7).get();
    assertThat(dispatched.state()).isEqualTo(JobState.DISPATCHED);
    assertThat(dispatched.version()).isEqualTo(3);
    assertThat(fcalls()).as("the first write's FCALL, then one batch").isEqualTo(2);

    for (Future<Object> f : List.of(out.get(0), out.get(2), out.get(4), out.get(6), out.get(7))) {
      JobRecord r = (JobRecord) f.get();
      if (r.id().equals("a")) {
        continue; // a's first record was superseded by its second
      }
      assertThat(store.get(r.id())).contains(r);
    }
    assertThat(store.get("a")).contains(dispatched);
    assertThat(store.get("b").orElseThrow().version()).isEqualTo(1);
    assertThat(store.get("d").orElseThrow().state()).isEqualTo(JobState.PENDING);
    assertThat(store.history("a"))
        .extracting(e -> e.state())
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.DISPATCHED);
  }

  static Throwable failure(Future<?> f) throws InterruptedException {
    Object value;
    try {
      value = f.get();
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, got " + value);
  }

  static void assertBackendFailure(Future<?> f) throws InterruptedException {
    assertThat(failure(f))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).startsWith("redis: function ");
            });
  }

  @Override
  public void close() {
    try {
      resume();
    } catch (RuntimeException e) {
      // the server may be gone
    }
    threads.shutdownNow();
  }
}
