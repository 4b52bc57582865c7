package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.ApprovalRecord;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short replies of the job store's functions: a new job's save and a transition of a job whose
 * previous record the store holds reply only what changed, and the store builds the record itself.
 * Every record built that way must be exactly what a read returns, and a store whose record is
 * stale (another replica wrote since, or the job expired and its id was used again) must get the
 * whole record.
 */
class RedisJobRepliesTest {
  private static RedisServer server;
  private static RedisConnections first;
  private static RedisConnections second;

  private final ManualClock clock =
      new ManualClock(Instant.parse("2026-12-06T03:00:00.123456789Z"));
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
    b = new RedisJobStore(second, clock);
  }

  @Test
  void recordsBuiltFromShortRepliesAreWhatReadsReturn() {
    JobRequest request =
        JobRequest.builder()
            .jobId("j")
            .topic("job.t")
            .tenantId("acme")
            .principalId("p")
            .putLabels("k", "v")
            .meta(JobMetadata.builder().capability("cap").idempotencyKey("idem").build())
            .build();
    long before = hgetalls();
    JobRecord saved = a.save(request, "trace-1");
    assertThat(hgetalls()).as("a new job's save reads nothing back").isEqualTo(before);
    assertThat(a.get("j")).contains(saved);

    clock.advance(Duration.ofNanos(1_500_700));
    before = hgetalls();
    JobRecord scheduled =
        a.transition("j", Transition.to(JobState.SCHEDULED).expectedVersion(1).build());
    assertThat(hgetalls()).as("the transition replied only what changed").isEqualTo(before);
    assertThat(scheduled.attempts()).isEqualTo(1);
    assertThat(a.get("j")).contains(scheduled);

    clock.advance(Duration.ofMillis(3));
    JobRecord dispatched =
        a.transition(
            "j",
            Transition.to(JobState.DISPATCHED)
                .workerId("w-1")
                .wakeAt(clock.instant().plusNanos(987_654_321))
                .reason("code", "text")
                .build());
    assertThat(dispatched.wakeAt()).isNotNull();
    assertThat(a.get("j")).contains(dispatched);

    clock.advance(Duration.ofMillis(3));
    JobRecord done =
        a.transition("j", Transition.to(JobState.SUCCEEDED).resultPtr("redis://res:j").build());
    assertThat(done.wakeAt()).isNull();
    assertThat(a.get("j")).contains(done);
  }

  @Test
  void aClaimCarryingASafetyDecisionGetsAShortReplyAndReadsBackEqual() {
    a.save(JobRequest.builder().jobId("j").topic("job.t").tenantId("acme").build(), null);
    // Nanosecond and sub-microsecond parts, nested constraints, remediations and an approval:
    // whatever the JSON keeps is what a read decodes, and the built record must carry exactly it.
    SafetyDecisionRecord decision =
        SafetyDecisionRecord.builder()
            .decision(SafetyDecision.ALLOW_WITH_CONSTRAINTS)
            .reason("allowed with limits, \"quoted\" and ünïcode")
            .ruleId("rule-1")
            .policySnapshot("snap-1")
            .constraints(
                PolicyConstraints.builder()
                    .redactionLevel("strict")
                    .budgets(BudgetConstraints.builder().maxRetries(2).maxConcurrentJobs(3).build())
                    .build())
            .remediations(
                PolicyRemediation.builder()
                    .id("r1")
                    .title("Use the safe pool")
                    .replacementTopic("job.safe")
                    .putAddLabels("policy", "safe")
                    .removeLabels("env")
                    .build())
            .approvalRequired(true)
            .approvalRef("apr-1")
            .jobHash("hash-1")
            .checkedAt(Instant.parse("2026-12-06T03:00:00.123456789Z"))
            .approval(
                new ApprovalRecord(
                    true, "alice", "admin", "window", "ticket OPS-1", clock.instant()))
            .build();
    clock.advance(Duration.ofNanos(2_000_300));
    long before = hgetalls();
    JobRecord scheduled =
        a.transition(
            "j",
            Transition.to(JobState.SCHEDULED)
                .expectedState(JobState.PENDING)
                .safetyDecision(decision)
                .wakeAt(clock.instant().plusSeconds(30))
                .reason("", "")
                .build());
    assertThat(hgetalls()).as("the claim replied only what changed").isEqualTo(before);
    assertThat(scheduled.safety()).isNotNull();
    assertThat(a.get("j")).contains(scheduled);
    assertThat(b.get("j")).contains(scheduled);
    assertThat(a.safetyDecisions("j", 10)).containsExactly(scheduled.safety());

    // A second decision replaces the record's latest, and the record still reads back equal.
    clock.advance(Duration.ofMillis(1));
    JobRecord denied =
        a.transition(
            "j",
            Transition.to(JobState.DENIED)
                .safetyDecision(SafetyDecisionRecord.of(SafetyDecision.DENY, "no", clock.instant()))
                .build());
    assertThat(denied.safety()).isNotNull();
    assertThat(denied.safety().decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(a.get("j")).contains(denied);
  }

  @Test
  void aStoreWhoseRecordIsStaleGetsTheWholeRecord() {
    a.save(JobRequest.builder().jobId("j").topic("t").build(), null);
    a.transition("j", Transition.of(JobState.SCHEDULED));
    // b writes a field that a's record does not have.
    clock.advance(Duration.ofMillis(1));
    b.transition("j", Transition.to(JobState.DISPATCHED).workerId("w-b").build());

    clock.advance(Duration.ofMillis(1));
    long before = hgetalls();
    JobRecord running = a.transition("j", Transition.of(JobState.RUNNING));
    assertThat(hgetalls()).isEqualTo(before + 1);
    assertThat(running.workerId()).isEqualTo("w-b");
    assertThat(running.version()).isEqualTo(4);
    assertThat(a.get("j")).contains(running);
  }

  @Test
  void anIdUsedAgainAfterItsJobExpiredIsNotTakenForTheOldJob() {
    a.save(JobRequest.builder().jobId("j").topic("old").build(), null);
    a.transition("j", Transition.of(JobState.SCHEDULED)); // a holds version 2 of the old job
    clock.advance(RedisConfig.DEFAULT_JOB_RETENTION.plusSeconds(1));
    b.save(JobRequest.builder().jobId("j").topic("new").build(), null);
    JobRecord newScheduled = b.transition("j", Transition.of(JobState.SCHEDULED));
    assertThat(newScheduled.version()).isEqualTo(2);

    clock.advance(Duration.ofMillis(1));
    JobRecord dispatched = a.transition("j", Transition.of(JobState.DISPATCHED));
    assertThat(dispatched.topic()).isEqualTo("new");
    assertThat(dispatched.createdAt()).isEqualTo(newScheduled.createdAt());
    assertThat(a.get("j")).contains(dispatched);
  }

  private static long hgetalls() {
    for (String line : first.client().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_hgetall:")) {
        String calls = line.substring(line.indexOf("calls=") + "calls=".length());
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return 0;
  }
}
