package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.lock.Lease;
import io.cordum.redis.internal.JobScripts;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A crashed server: operations fail with a retryable BackendException (never a Jedis type), and
 * after a restart they work again with nothing lost (the test server syncs its append-only file on
 * every write) and the scripts loaded again (a restart empties the script cache).
 */
class RedisFaultTest {
  private final ManualClock clock = new ManualClock();
  private RedisServer server;
  private RedisConnections connections;
  private RedisJobStore jobs;
  private RedisPointerStore pointers;
  private RedisLeaseStore leases;

  @BeforeEach
  void start() {
    server = RedisServer.start();
    Assumptions.assumeTrue(server.isPrivate(), "needs a private server it can kill");
    connections = RedisConnections.create(TestRedis.config(server));
    jobs = new RedisJobStore(connections, clock);
    pointers = new RedisPointerStore(connections, clock);
    leases = new RedisLeaseStore(connections, clock);
  }

  @AfterEach
  void stop() {
    if (connections != null) {
      connections.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void killedServerGivesBackendExceptionsAndNothingIsLostAfterRestart() {
    jobs.save(JobRequest.builder().jobId("j").topic("t").tenantId("acme").build(), "trace-1");
    JobRecord scheduled = jobs.transition("j", Transition.of(JobState.SCHEDULED));
    jobs.reserveIdempotencyKey("acme", "k", "j");
    String ptr = pointers.putContext("j", "input".getBytes(UTF_8));
    Lease lease = leases.tryAcquire("job:j", Duration.ofMinutes(5)).orElseThrow();

    server.kill();

    assertBackendFailure(() -> jobs.get("j"));
    assertBackendFailure(() -> jobs.transition("j", Transition.of(JobState.DISPATCHED)));
    assertBackendFailure(() -> jobs.list(JobQuery.builder().build()));
    assertBackendFailure(() -> jobs.countActiveByTenant("acme"));
    assertBackendFailure(() -> jobs.reserveIdempotencyKey("acme", "k2", "j"));
    assertBackendFailure(() -> pointers.get(ptr));
    assertBackendFailure(() -> pointers.putResult("j", new byte[1]));
    assertBackendFailure(() -> leases.tryAcquire("job:other", Duration.ofSeconds(30)));
    assertBackendFailure(connections::ping);

    server.restart();

    // Pooled connections to the dead process fail once each; then the store is back.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(BackendException.class)
        .until(() -> jobs.get("j").isPresent());
    assertThat(jobs.get("j")).contains(scheduled);
    assertThat(jobs.traceJobs("trace-1")).containsExactly(scheduled);
    assertThat(jobs.countActiveByTenant("acme")).isEqualTo(1);
    assertThat(jobs.findByIdempotencyKey("acme", "k")).contains("j");
    assertThat(pointers.get(ptr))
        .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("input"));
    assertThat(leases.tryAcquire("job:j", Duration.ofSeconds(30))).isEmpty();
    assertThat(leases.release(lease)).isTrue();

    // The server persists (appendfsync always), so the function library survived the restart.
    String library = new JobScripts().library.name();
    assertThat(connections.client().functionList(library)).hasSize(1);
    JobRecord dispatched =
        jobs.transition(
            "j", Transition.to(JobState.DISPATCHED).expectedVersion(scheduled.version()).build());
    assertThat(dispatched.version()).isEqualTo(scheduled.version() + 1);
    assertThat(jobs.history("j"))
        .extracting(e -> e.state())
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.DISPATCHED);
  }

  @Test
  void aRestartWithoutPersistenceLosesTheFunctionLibraryAndTheStoreLoadsItAgain() {
    // A server that keeps nothing across a restart, as a queue often runs.
    connections.close();
    server.close();
    server = RedisServer.start(List.of("--appendonly", "no", "--save", ""));
    Assumptions.assumeTrue(server.isPrivate(), "needs a private server it can restart");
    connections = RedisConnections.create(TestRedis.config(server));
    jobs = new RedisJobStore(connections, clock);
    jobs.save(JobRequest.builder().jobId("j").topic("t").tenantId("acme").build(), null);
    String library = new JobScripts().library.name();
    assertThat(connections.client().functionList(library)).hasSize(1);

    server.kill();
    server.restart();

    // (Pooled connections to the dead process fail once each.)
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> connections.client().functionList(library).isEmpty());
    // The job is gone too; the next write finds the function missing, loads the library and runs.
    JobRecord again =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptionsInstanceOf(BackendException.class)
            .until(
                () -> jobs.save(JobRequest.builder().jobId("j").topic("t").build(), null),
                r -> true);
    assertThat(again.version()).isEqualTo(1);
    assertThat(jobs.transition("j", Transition.of(JobState.SCHEDULED)).version()).isEqualTo(2);
    assertThat(connections.client().functionList(library)).hasSize(1);
  }

  @Test
  void closedConnectionsGiveBackendExceptions() {
    connections.close();

    assertBackendFailure(() -> jobs.get("j"));
    assertBackendFailure(() -> jobs.save(JobRequest.builder().jobId("j").build(), null));
    assertBackendFailure(() -> leases.tryAcquire("k", Duration.ofSeconds(1)));
  }

  private static void assertBackendFailure(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.type()).isEqualTo("backend_unavailable");
            });
  }
}
