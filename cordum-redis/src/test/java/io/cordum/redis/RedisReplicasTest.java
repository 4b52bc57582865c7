package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.ConflictException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.lock.Lease;
import io.cordum.redis.internal.JobScripts;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane replicas, each with its own client and store, on one Redis: writes race across
 * processes the way they do in production, and the scripts are shared through the server's script
 * cache.
 */
class RedisReplicasTest {
  private static RedisServer server;
  private static RedisConnections first;
  private static RedisConnections second;

  private final ManualClock clock = new ManualClock();
  private RedisJobStore a;
  private RedisJobStore b;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
    first = RedisConnections.create(TestRedis.config(server));
    second = RedisConnections.create(TestRedis.config(server));
  }

  @AfterAll
  static void stopServer() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void createStores() {
    first.client().flushAll();
    a = new RedisJobStore(first, clock);
    b = new RedisJobStore(second, new ManualClock(clock.instant()));
  }

  @Test
  void racingCompareAndSetAcrossReplicasHasExactlyOneWinner() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = "race-" + round;
      JobRecord saved = a.save(JobRequest.builder().jobId(id).topic("t").build(), null);
      List<String> outcomes =
          race(
              8,
              n -> {
                RedisJobStore replica = n % 2 == 0 ? a : b;
                try {
                  replica.transition(
                      id,
                      Transition.to(JobState.SCHEDULED)
                          .expectedVersion(saved.version())
                          .workerId("replica-" + (n % 2))
                          .build());
                  return "won";
                } catch (ConflictException e) {
                  return "conflict";
                }
              });

      assertThat(outcomes)
          .as("round %d", round)
          .containsOnly("won", "conflict")
          .filteredOn("won"::equals)
          .hasSize(1);
      JobRecord after = b.get(id).orElseThrow();
      assertThat(after.version()).isEqualTo(saved.version() + 1);
      assertThat(after.attempts()).isEqualTo(1);
      assertThat(a.history(id)).hasSize(2);
    }
  }

  @Test
  void racingLeasesAcrossReplicasHaveExactlyOneHolder() throws Exception {
    RedisLeaseStore la = new RedisLeaseStore(first, clock);
    RedisLeaseStore lb = new RedisLeaseStore(second, clock);
    for (int round = 0; round < 20; round++) {
      String key = "scheduler:job:" + round;
      List<Optional<Lease>> results =
          race(8, n -> (n % 2 == 0 ? la : lb).tryAcquire(key, java.time.Duration.ofSeconds(30)));
      assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }
  }

  @Test
  void functionsAreReloadedAfterFunctionFlush() {
    a.save(JobRequest.builder().jobId("j").topic("t").build(), null);
    String library = new JobScripts().library.name();
    a.transition("j", Transition.of(JobState.SCHEDULED));
    assertThat(first.client().functionList(library)).hasSize(1);

    first.client().functionFlush();
    assertThat(first.client().functionList(library)).isEmpty();

    // b finds the function missing, loads the library and runs; a (which loaded it first, and
    // whose load counter is ahead) then finds it there.
    assertThat(b.transition("j", Transition.of(JobState.DISPATCHED)).state())
        .isEqualTo(JobState.DISPATCHED);
    assertThat(first.client().functionList(library)).hasSize(1);
    first.client().functionFlush();
    assertThat(a.transition("j", Transition.of(JobState.RUNNING)).version()).isEqualTo(4);
    assertThat(first.client().functionList(library)).hasSize(1);
  }

  /** Runs {@code threads} tasks at once (task n gets n), returning their results in order. */
  private static <T> List<T> race(int threads, java.util.function.IntFunction<T> task)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        Callable<T> c =
            () -> {
              ready.countDown();
              go.await();
              return task.apply(n);
            };
        futures.add(pool.submit(c));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
