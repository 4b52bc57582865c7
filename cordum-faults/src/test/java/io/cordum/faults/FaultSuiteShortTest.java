package io.cordum.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fault suite, run by CI: a killed worker (JetStream), a killed control plane (core NATS,
 * where nothing in the bus survives) and a killed Redis (JetStream, submits retried with
 * idempotency keys), each with separate JVMs and the default settings. Every job must end, none may
 * be lost, no idempotency key may run twice. The full suite: {@link FaultSuite}.
 *
 * <p>Each run starts servers and five JVMs and waits for the documented recovery bounds (up to
 * about a minute on a busy two-core machine), so each has its own timeout above the build's
 * default.
 */
class FaultSuiteShortTest {
  private static final int JOBS = 240;

  @BeforeAll
  static void serversAvailable() {
    // Skips (fails under CI=true) when nats-server or redis-server is missing.
    NatsServer.start().close();
    RedisServer.start().close();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aKilledWorkersJobsRunOnTheOtherWorker(@TempDir Path dir) {
    check(Scenario.of(Fault.WORKER, true, false, JOBS), dir);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aKilledControlPlaneOnCoreNatsLosesNothing(@TempDir Path dir) {
    check(Scenario.of(Fault.CONTROL_PLANE, false, false, JOBS), dir);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aKilledRedisLosesNoKeyedSubmit(@TempDir Path dir) {
    check(Scenario.of(Fault.REDIS, true, false, JOBS), dir);
  }

  private static void check(Scenario sc, Path dir) {
    Outcome o = FaultSuite.run(List.of(sc), dir, x -> {}).get(0);
    System.out.println(FaultSuite.table(List.of(o)));
    assertThat(o.submitted()).as("submitted").isEqualTo(JOBS);
    assertThat(o.lost()).as("lost").isZero();
    assertThat(o.stuck()).as("stuck").isZero();
    assertThat(o.keysWithTwoJobs()).as("keys run twice").isZero();
    assertThat(o.succeeded()).as("succeeded").isEqualTo(JOBS);
  }
}
