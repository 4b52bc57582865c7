package io.cordum.redis;

import static io.cordum.redis.GroupCommitCases.assertBackendFailure;
import static io.cordum.redis.GroupCommitCases.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.redis.internal.JobScripts;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Group commit of the job store's writes on one server: writes made while a batch is in flight go
 * as one batch, each with its own outcome; a lost connection or server fails exactly the writes of
 * its batch; a batch that finds the function library gone loads it; the batch size is bounded by
 * {@link RedisConfig#jobWriteBatch()}, and 1 sends every write on its own.
 */
class RedisGroupCommitTest {
  private static final int BATCH = 32;

  private final ManualClock clock = new ManualClock();
  private final List<AutoCloseable> open = new ArrayList<>();
  private RedisServer server;
  private RedisJobStore store;
  private RedisConnections admin;
  private GroupCommitCases cases;

  /** A store with one write call in flight at a time (a pool of 4), unless said otherwise. */
  private void start(int batch) {
    start(batch, 4);
  }

  private void start(int batch, int connections) {
    server = RedisServer.start();
    open.add(server);
    RedisConnections conns =
        RedisConnections.create(
            TestRedis.config(server).toBuilder()
                .jobWriteBatch(batch)
                .maxConnections(connections)
                .build());
    admin = RedisConnections.create(TestRedis.config(server));
    open.add(0, conns);
    open.add(0, admin);
    store = new RedisJobStore(conns, clock);
    cases = new GroupCommitCases(store, admin.client());
    open.add(0, cases);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void writesMadeWhileABatchIsInFlightGoTogetherEachWithItsOwnOutcome() throws Exception {
    start(BATCH);
    cases.mixedOutcomesInOneBatch();
  }

  @Test
  void aBatchHoldsAtMostTheConfiguredNumberOfWrites() throws Exception {
    start(3);
    for (int i = 0; i < 8; i++) {
      store.save(job("j" + i), null);
    }
    cases.resetStats();
    cases.pause();
    Future<JobRecord> lead =
        cases.startHeld(() -> store.transition("j0", Transition.of(JobState.SCHEDULED)));
    List<Callable<JobRecord>> writes = new ArrayList<>();
    for (int i = 1; i < 8; i++) {
      String id = "j" + i;
      writes.add(() -> store.transition(id, Transition.of(JobState.SCHEDULED)));
    }
    List<Future<JobRecord>> out = cases.startQueued(writes);
    cases.resume();

    assertThat(lead.get().version()).isEqualTo(2);
    for (Future<JobRecord> f : out) {
      assertThat(f.get().state()).isEqualTo(JobState.SCHEDULED);
    }
    assertThat(cases.fcalls()).as("1, then 3, 3 and 1").isEqualTo(4);
  }

  @Test
  void writesAreSentAtOnceWhileFewerThanAQuarterOfThePoolCarriesWrites() throws Exception {
    start(BATCH, 8);
    for (String id : List.of("a", "b", "c", "d")) {
      store.save(job(id), null);
    }
    cases.resetStats();
    cases.pause();
    Future<JobRecord> a =
        cases.start(() -> store.transition("a", Transition.of(JobState.SCHEDULED)));
    Future<JobRecord> b =
        cases.start(() -> store.transition("b", Transition.of(JobState.SCHEDULED)));
    cases.awaitHeldCalls(2);
    List<Future<JobRecord>> batch =
        cases.startQueued(
            List.of(
                () -> store.transition("c", Transition.of(JobState.SCHEDULED)),
                () -> store.transition("d", Transition.of(JobState.SCHEDULED))));
    assertThat(cases.heldCalls()).as("two in flight, the others wait").hasSize(2);
    cases.resume();
    for (Future<JobRecord> f : List.of(a, b, batch.get(0), batch.get(1))) {
      assertThat(f.get().state()).isEqualTo(JobState.SCHEDULED);
    }
    // a's and b's replies each hand the lead to a waiting write: c and d go together or apart.
    assertThat(cases.fcalls()).isBetween(3L, 4L);
  }

  @Test
  void aBatchOfOneSendsEveryWriteAtOnceOnItsOwn() throws Exception {
    start(1);
    store.save(job("a"), null);
    store.save(job("b"), null);
    cases.pause();
    Future<JobRecord> a =
        cases.start(() -> store.transition("a", Transition.of(JobState.SCHEDULED)));
    Future<JobRecord> b =
        cases.start(() -> store.transition("b", Transition.of(JobState.SCHEDULED)));
    cases.awaitHeldCalls(2);
    assertThat(store.queuedWrites()).isZero();
    cases.resume();
    assertThat(a.get().state()).isEqualTo(JobState.SCHEDULED);
    assertThat(b.get().state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void aLostConnectionFailsExactlyTheWritesOfItsBatch() throws Exception {
    start(BATCH);
    for (String id : List.of("lead", "a1", "a2", "a3", "b1", "b2")) {
      store.save(job(id), null);
    }
    cases.pause();
    Future<JobRecord> lead =
        cases.startHeld(() -> store.transition("lead", Transition.of(JobState.SCHEDULED)));
    List<Future<JobRecord>> batchA = cases.startQueued(scheduling("a1", "a2", "a3"));
    cases.killHeldCalls();
    assertBackendFailure(lead);
    // The lead went to batch A's first write, which sent the batch on another connection.
    cases.awaitHeldCalls(1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.queuedWrites() == 0);
    List<Future<JobRecord>> batchB = cases.startQueued(scheduling("b1", "b2"));
    cases.killHeldCalls();
    for (Future<JobRecord> f : batchA) {
      assertBackendFailure(f);
    }
    cases.awaitHeldCalls(1);
    cases.resume();
    for (Future<JobRecord> f : batchB) {
      assertThat(f.get().state()).isEqualTo(JobState.SCHEDULED);
    }
    // The held calls of the lost connections never ran.
    for (String id : List.of("lead", "a1", "a2", "a3")) {
      assertThat(store.get(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }
  }

  @Test
  void aServerKilledWhileABatchWaitsFailsItsWritesAndTheStoreRecovers() throws Exception {
    start(BATCH);
    Assumptions.assumeTrue(server.isPrivate(), "needs a private server it can kill");
    for (String id : List.of("lead", "a1", "a2", "a3")) {
      store.save(job(id), null);
    }
    cases.pause();
    Future<JobRecord> lead =
        cases.startHeld(() -> store.transition("lead", Transition.of(JobState.SCHEDULED)));
    List<Future<JobRecord>> batch = cases.startQueued(scheduling("a1", "a2", "a3"));

    server.kill();

    assertBackendFailure(lead);
    for (Future<JobRecord> f : batch) {
      assertBackendFailure(f);
    }
    server.restart();
    // (Pooled connections to the dead process fail once each.)
    JobRecord again =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptionsInstanceOf(BackendException.class)
            .until(() -> store.transition("a1", Transition.of(JobState.SCHEDULED)), r -> true);
    assertThat(again.version()).isEqualTo(2);
    assertThat(store.get("a2").orElseThrow().state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void aBatchThatFindsTheLibraryGoneLoadsItAndRunsEveryWriteOnce() throws Exception {
    start(BATCH);
    for (String id : List.of("lead", "a1", "a2", "a3")) {
      store.save(job(id), null);
    }
    String library = new JobScripts().library.name();
    admin.client().functionFlush();
    cases.pause();
    Future<JobRecord> lead =
        cases.startHeld(() -> store.transition("lead", Transition.of(JobState.SCHEDULED)));
    List<Future<JobRecord>> batch = cases.startQueued(scheduling("a1", "a2", "a3"));
    // The lead's call goes away with its connection, so the batch is the first to find the
    // library missing.
    cases.killHeldCalls();
    assertBackendFailure(lead);
    cases.awaitHeldCalls(1);
    cases.resume();

    for (Future<JobRecord> f : batch) {
      JobRecord r = f.get();
      assertThat(r.version()).isEqualTo(2);
      assertThat(store.history(r.id()))
          .extracting(e -> e.state())
          .containsExactly(JobState.PENDING, JobState.SCHEDULED);
    }
    assertThat(admin.client().functionList(library)).hasSize(1);
  }

  @Test
  void manyThreadsDrivingJobsThroughTheirLivesLoseNoWrite() throws Exception {
    start(BATCH);
    int threads = 16;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<JobRecord>>> out = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        out.add(
            pool.submit(
                () -> {
                  List<JobRecord> last = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    String id = "t" + thread + "-" + i;
                    JobRecord r = store.save(job(id), "trace-" + thread);
                    for (JobState s :
                        List.of(
                            JobState.SCHEDULED,
                            JobState.DISPATCHED,
                            JobState.RUNNING,
                            JobState.SUCCEEDED)) {
                      r =
                          store.transition(
                              id, Transition.to(s).expectedVersion(r.version()).build());
                    }
                    last.add(r);
                  }
                  return last;
                }));
      }
      for (Future<List<JobRecord>> f : out) {
        for (JobRecord r : f.get()) {
          assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
          assertThat(r.version()).isEqualTo(5);
          assertThat(store.get(r.id())).contains(r);
        }
      }
      assertThat(store.traceJobs("trace-3")).hasSize(perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Callable<JobRecord>> scheduling(String... ids) {
    List<Callable<JobRecord>> out = new ArrayList<>();
    for (String id : ids) {
      out.add(() -> store.transition(id, Transition.of(JobState.SCHEDULED)));
    }
    return out;
  }
}
