package io.cordum.testkit;

import static io.cordum.api.job.JobState.APPROVAL_REQUIRED;
import static io.cordum.api.job.JobState.CANCELLED;
import static io.cordum.api.job.JobState.DISPATCHED;
import static io.cordum.api.job.JobState.FAILED;
import static io.cordum.api.job.JobState.PENDING;
import static io.cordum.api.job.JobState.RUNNING;
import static io.cordum.api.job.JobState.SCHEDULED;
import static io.cordum.api.job.JobState.SUCCEEDED;
import static io.cordum.api.job.JobState.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.IdempotencyReservation;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStateEvent;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Tenants;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link JobStore}, as one JUnit 5 suite that every implementation runs. Extend it
 * and implement {@link #createStore(ManualClock)}:
 *
 * <pre>{@code
 * class MyJobStoreTest extends JobStoreContract {
 *   @Override protected JobStore createStore(ManualClock clock) { return new MyJobStore(clock); }
 * }
 * }</pre>
 *
 * <p>Requirements on the store under test: it is <b>empty</b> when a test starts (listings and
 * counts see every job; flush a shared server in {@link #createStore} or {@link #cleanUp()}), it
 * takes the time only from the given clock (the suite expires jobs by advancing it), and it keeps
 * jobs for {@link #retention()}, at most {@link #historyLimit()} history entries and {@link
 * #decisionsLimit()} safety decisions per job. The suite uses the public API only.
 *
 * <p>Beyond the {@link JobStore} Javadoc, the suite pins these rules, which every backend must
 * share: a write bumps {@code version} by exactly one and a job with no record has version 0 (so
 * {@code expectedVersion(0)} means "only if absent"); {@code updatedAt} moves only when the state
 * is set; a job belongs to the last trace it was saved with; a listing is ordered by {@code
 * (updatedAt, id)}; blank ids and non-positive limits are a {@link ValidationException}. It also
 * pins rules that are easy to get wrong: re-saves keep the attempt count, a deadline once set does
 * not move, cancelled jobs no longer count as active, filters never cut a page short, and cursors
 * never skip jobs sharing a timestamp.
 */
public abstract class JobStoreContract {
  /** The topic of jobs made by {@link #request(String)}. */
  protected static final String TOPIC = "job.default";

  /** The tenant of jobs made by {@link #request(String)}. */
  protected static final String TENANT = "tenant-a";

  /** The clock of the store under test; advance it to make time pass. */
  protected final ManualClock clock = new ManualClock();

  /** The clock's time when the test started. */
  protected final Instant t0 = clock.instant();

  private @Nullable JobStore store;

  /** Creates the (empty) store under test, taking the time from {@code clock}. */
  protected abstract JobStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  /** How long the store under test keeps a job after its last write. */
  protected Duration retention() {
    return Duration.ofDays(7);
  }

  /** How many history entries the store under test keeps per job. */
  protected int historyLimit() {
    return 100;
  }

  /** How many safety decisions the store under test keeps per job. */
  protected int decisionsLimit() {
    return 100;
  }

  @BeforeEach
  void createJobStore() {
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpJobStore() {
    cleanUp();
  }

  /** The store under test. */
  protected JobStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** Reads of unknown jobs, validation. */
  @Nested
  class Validation {
    @Test
    void unknownJobReadsAsAbsent() {
      assertThat(store().get("nope")).isEmpty();
      assertThat(store().getRequest("nope")).isEmpty();
      assertThat(store().history("nope")).isEmpty();
      assertThat(store().safetyDecisions("nope", 10)).isEmpty();
      assertThat(store().traceJobs("no-trace")).isEmpty();
      assertThat(store().countActiveByTenant("nobody")).isZero();
      Page<JobRecord> page = store().list(JobQuery.builder().build());
      assertThat(page.items()).isEmpty();
      assertThat(page.nextCursor()).isNull();
    }

    @Test
    void blankJobIdIsRejectedNamingJobId() {
      Instant at = t0.plusSeconds(60);
      SafetyDecisionRecord d = decision(SafetyDecision.ALLOW, "ok");
      for (String id : List.of("", "  ")) {
        assertRejected(() -> store().get(id), "job_id");
        assertRejected(() -> store().getRequest(id), "job_id");
        assertRejected(() -> store().history(id), "job_id");
        assertRejected(() -> store().safetyDecisions(id, 10), "job_id");
        assertRejected(() -> store().save(request(id), null), "job_id");
        assertRejected(() -> store().transition(id, Transition.of(PENDING)), "job_id");
        assertRejected(() -> store().cancel(id, "why"), "job_id");
        assertRejected(() -> store().setDeadlineIfAbsent(id, at), "job_id");
        assertRejected(() -> store().appendSafetyDecision(id, d), "job_id");
        assertRejected(() -> store().reserveIdempotencyKey(TENANT, "k", id), "job_id");
      }
      assertThat(store().list(JobQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void nonPositiveLimitsAreRejected() {
      store().save(request("j"), null);
      for (int limit : new int[] {0, -1}) {
        assertThatThrownBy(() -> store().safetyDecisions("j", limit))
            .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store().dueTimers(t0, limit))
            .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store().expiredDeadlines(t0, limit))
            .isInstanceOf(ValidationException.class);
      }
    }
  }

  /** The state machine. */
  @Nested
  class StateMachine {
    @Test
    void transitionTableMatchesJobStateCanTransition() {
      List<String> wrong = new ArrayList<>();
      List<@Nullable JobState> froms = new ArrayList<>();
      froms.add(null);
      froms.addAll(List.of(JobState.values()));
      for (JobState from : froms) {
        for (JobState to : JobState.values()) {
          String id = "tt-" + (from == null ? "none" : from) + "-" + to;
          JobRecord before = reach(id, from);
          List<JobStateEvent> historyBefore = store().history(id);
          boolean allowed = JobState.canTransition(from, to);
          String move = (from == null ? "(none)" : from) + " -> " + to;
          try {
            JobRecord after = store().transition(id, Transition.of(to));
            long version = before == null ? 1 : before.version() + 1;
            if (!allowed) {
              wrong.add(move + " was allowed");
            } else if (after.state() != to || after.version() != version) {
              wrong.add(move + " gave " + after.state() + " v" + after.version());
            }
          } catch (InvalidTransitionException e) {
            if (allowed) {
              wrong.add(move + " was refused");
            } else if (e.from() != from || e.to() != to || !e.jobId().equals(id)) {
              wrong.add(move + " refused with " + e.from() + " -> " + e.to() + " for " + e.jobId());
            } else if (!Objects.equals(store().get(id).orElse(null), before)
                || !store().history(id).equals(historyBefore)) {
              wrong.add(move + " was refused but wrote");
            }
          }
        }
      }
      assertThat(wrong).isEmpty();
    }

    /** A walk through the transition table: legal moves pass, illegal ones leave the record. */
    @Test
    void transitionGuardSequence() {
      store().transition("g1", Transition.of(PENDING));
      store().transition("g1", Transition.of(PENDING));
      store().transition("g1", Transition.of(DISPATCHED));
      assertThatThrownBy(() -> store().transition("g1", Transition.of(SCHEDULED)))
          .isInstanceOf(InvalidTransitionException.class);
      store().transition("g1", Transition.of(FAILED));
      store().transition("g1", Transition.of(FAILED));
      assertThat(store().get("g1"))
          .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(FAILED));

      for (JobState end : List.of(FAILED, SUCCEEDED, CANCELLED, TIMEOUT)) {
        String id = "g-" + end;
        move(id, PENDING, SCHEDULED, end);
        assertThat(store().get(id)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(end));
      }
      move("g-pending-timeout", PENDING, TIMEOUT);
      assertThat(store().get("g-pending-timeout"))
          .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(TIMEOUT));
    }

    @Test
    void illegalTransitionThrowsAndWritesNothing() {
      store().save(request("j"), "trace-1");
      JobRecord before =
          store()
              .transition(
                  "j",
                  Transition.to(DISPATCHED).wakeAt(t0.plusSeconds(30)).workerId("w-1").build());
      List<JobStateEvent> history = store().history("j");

      assertThatThrownBy(
              () ->
                  store()
                      .transition(
                          "j",
                          Transition.to(SCHEDULED)
                              .resultPtr("redis://res:j")
                              .workerId("w-2")
                              .reason("boom", "it broke")
                              .safetyDecision(decision(SafetyDecision.DENY, "no"))
                              .build()))
          .isInstanceOfSatisfying(
              InvalidTransitionException.class,
              e -> {
                assertThat(e.from()).isEqualTo(DISPATCHED);
                assertThat(e.to()).isEqualTo(SCHEDULED);
                assertThat(e.jobId()).isEqualTo("j");
                assertThat(e.type()).isEqualTo("invalid_transition");
                assertThat(e.retryable()).isFalse();
              });

      assertThat(store().get("j")).contains(before);
      assertThat(store().history("j")).isEqualTo(history);
      assertThat(store().safetyDecisions("j", 10)).isEmpty();
      assertThat(store().dueTimers(t0.plusSeconds(30), 10))
          .extracting(JobRecord::id)
          .containsExactly("j");
      assertThat(store().list(JobQuery.builder().state(SCHEDULED).build()).items()).isEmpty();
    }

    @Test
    void nothingLeavesATerminalState() {
      for (JobState end : JobStatePaths.terminal()) {
        String id = "end-" + end;
        JobRecord before = savedIn(id, end);
        for (JobState to : JobState.values()) {
          if (to == end) {
            continue;
          }
          assertThatThrownBy(() -> store().transition(id, Transition.of(to)))
              .as("%s -> %s", end, to)
              .isInstanceOf(InvalidTransitionException.class);
        }
        assertThat(store().get(id)).contains(before);
      }
    }

    @Test
    void illegalFirstTransitionCreatesNoRecord() {
      for (JobState to : List.of(SUCCEEDED, CANCELLED, TIMEOUT, JobState.DENIED)) {
        assertThatThrownBy(() -> store().transition("new", Transition.of(to)))
            .isInstanceOfSatisfying(
                InvalidTransitionException.class, e -> assertThat(e.from()).isNull());
      }
      assertThat(store().get("new")).isEmpty();
      assertThat(store().history("new")).isEmpty();
      assertThat(store().list(JobQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void firstTransitionCreatesABareRecord() {
      JobRecord r = store().transition("j", Transition.of(RUNNING));

      assertThat(r.id()).isEqualTo("j");
      assertThat(r.state()).isEqualTo(RUNNING);
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.attempts()).isZero();
      assertThat(r.createdAt()).isEqualTo(t0);
      assertThat(r.updatedAt()).isEqualTo(t0);
      assertThat(r.topic()).isEmpty();
      assertThat(r.tenant()).isEmpty();
      assertThat(r.traceId()).isEmpty();
      assertThat(r.deadline()).isNull();
      assertThat(r.wakeAt()).isNull();
      assertThat(r.safety()).isNull();
      assertThat(store().get("j")).contains(r);
      assertThat(store().getRequest("j")).isEmpty();
      assertThat(store().history("j")).containsExactly(new JobStateEvent(t0, RUNNING));
    }

    @Test
    void selfTransitionTouchesTheRecord() {
      JobRecord first = store().save(request("j"), null);
      clock.advance(Duration.ofSeconds(1));

      JobRecord again = store().transition("j", Transition.of(PENDING));

      assertThat(again.state()).isEqualTo(PENDING);
      assertThat(again.version()).isEqualTo(first.version() + 1);
      assertThat(again.createdAt()).isEqualTo(t0);
      assertThat(again.updatedAt()).isEqualTo(clock.instant());
      assertThat(store().history("j"))
          .containsExactly(
              new JobStateEvent(t0, PENDING), new JobStateEvent(clock.instant(), PENDING));

      JobRecord failed = store().transition("j", Transition.of(FAILED));
      JobRecord failedAgain = store().transition("j", Transition.of(FAILED));
      assertThat(failedAgain.state()).isEqualTo(FAILED);
      assertThat(failedAgain.version()).isEqualTo(failed.version() + 1);
    }

    @Test
    void attemptsCountEntriesIntoScheduled() {
      store().save(request("j"), null);
      int[] expected = {1, 1, 1, 1, 2, 2, 2, 3};
      JobState[] states = {
        SCHEDULED, SCHEDULED, DISPATCHED, PENDING, SCHEDULED, RUNNING, PENDING, SCHEDULED
      };
      for (int i = 0; i < states.length; i++) {
        JobRecord r = store().transition("j", Transition.of(states[i]));
        assertThat(r.attempts()).as("after step %d (%s)", i, states[i]).isEqualTo(expected[i]);
      }
      assertThat(store().transition("fresh", Transition.of(SCHEDULED)).attempts()).isEqualTo(1);
      assertThat(store().transition("fresh", Transition.of(SUCCEEDED)).attempts()).isEqualTo(1);
    }

    @Test
    void expectedStateMismatchIsAConflictAndWritesNothing() {
      JobRecord saved = store().save(request("j"), null);

      assertThatThrownBy(
              () ->
                  store()
                      .transition(
                          "j",
                          Transition.to(SCHEDULED).expectedState(RUNNING).workerId("w").build()))
          .isInstanceOfSatisfying(
              ConflictException.class,
              e -> {
                assertThat(e.type()).isEqualTo("conflict");
                assertThat(e.retryable()).isTrue();
              });
      assertThat(store().get("j")).contains(saved);
      assertThat(store().history("j")).hasSize(1);

      JobRecord moved =
          store().transition("j", Transition.to(SCHEDULED).expectedState(PENDING).build());
      assertThat(moved.state()).isEqualTo(SCHEDULED);
    }

    @Test
    void anyOfSeveralExpectedStatesMeetsTheExpectation() {
      // The scheduler's result path: a success from RUNNING or from SCHEDULED (a short job whose
      // RUNNING was never written), and nothing from any other state.
      Transition success =
          Transition.to(SUCCEEDED).expectedStates(RUNNING, SCHEDULED).resultPtr("r").build();
      JobRecord saved = store().save(request("j"), null);
      assertThatThrownBy(() -> store().transition("j", success))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("PENDING");
      assertThat(store().get("j")).contains(saved);
      assertThat(store().history("j")).hasSize(1);
      assertThatThrownBy(() -> store().transition("absent", success))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("absent")).isEmpty();

      JobRecord scheduled = store().transition("j", Transition.of(SCHEDULED));
      JobRecord done = store().transition("j", success);
      assertThat(done.state()).isEqualTo(SUCCEEDED);
      assertThat(done.resultPtr()).isEqualTo("r");
      assertThat(done.version()).isEqualTo(scheduled.version() + 1);
      assertThat(store().get("j")).contains(done);
      assertThat(store().history("j"))
          .extracting(JobStateEvent::state)
          .containsExactly(PENDING, SCHEDULED, SUCCEEDED);
      assertThatThrownBy(() -> store().transition("j", success))
          .isInstanceOf(ConflictException.class);

      store().save(request("k"), null);
      move("k", SCHEDULED, RUNNING);
      assertThat(store().transition("k", success).state()).isEqualTo(SUCCEEDED);

      // With a version expectation too, both must hold.
      store().save(request("v"), null);
      JobRecord v = store().transition("v", Transition.of(SCHEDULED));
      assertThatThrownBy(
              () ->
                  store()
                      .transition(
                          "v",
                          Transition.to(RUNNING)
                              .expectedStates(SCHEDULED, DISPATCHED)
                              .expectedVersion(v.version() - 1)
                              .build()))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("v")).contains(v);
    }

    @Test
    void expectedVersionMismatchIsAConflictAndWritesNothing() {
      JobRecord saved = store().save(request("j"), null);

      assertThatThrownBy(
              () ->
                  store()
                      .transition(
                          "j",
                          Transition.to(SCHEDULED).expectedVersion(saved.version() + 1).build()))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("j")).contains(saved);

      JobRecord moved =
          store()
              .transition("j", Transition.to(SCHEDULED).expectedVersion(saved.version()).build());
      assertThat(moved.version()).isEqualTo(saved.version() + 1);

      assertThatThrownBy(
              () ->
                  store()
                      .transition(
                          "j", Transition.to(DISPATCHED).expectedVersion(saved.version()).build()))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("j")).contains(moved);
    }

    @Test
    void expectationsOnAnAbsentJob() {
      assertThatThrownBy(
              () -> store().transition("j", Transition.to(PENDING).expectedState(PENDING).build()))
          .isInstanceOf(ConflictException.class);
      assertThatThrownBy(
              () -> store().transition("j", Transition.to(PENDING).expectedVersion(3).build()))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("j")).isEmpty();

      JobRecord created =
          store().transition("j", Transition.to(PENDING).expectedVersion(0).build());
      assertThat(created.version()).isEqualTo(1);
      assertThatThrownBy(
              () -> store().transition("j", Transition.to(PENDING).expectedVersion(0).build()))
          .isInstanceOf(ConflictException.class);
    }

    @Test
    void racingCompareAndSetHasExactlyOneWinner() throws Exception {
      for (int round = 0; round < 20; round++) {
        String id = "race-" + round;
        JobRecord saved = store().save(request(id), null);

        List<String> outcomes =
            Races.run(
                8,
                () -> {
                  try {
                    store()
                        .transition(
                            id,
                            Transition.to(SCHEDULED)
                                .expectedVersion(saved.version())
                                .workerId(Thread.currentThread().getName())
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
        JobRecord after = store().get(id).orElseThrow();
        assertThat(after.version()).isEqualTo(saved.version() + 1);
        assertThat(after.attempts()).isEqualTo(1);
        assertThat(store().history(id)).hasSize(2);
      }
    }

    @Test
    void concurrentWritesToOneJobLoseNothing() throws Exception {
      JobRecord saved = store().save(request("j"), null);

      Races.run(
          8,
          () -> {
            for (int i = 0; i < 10; i++) {
              store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "d" + i));
              store().transition("j", Transition.of(SCHEDULED));
            }
            return true;
          });

      JobRecord after = store().get("j").orElseThrow();
      assertThat(after.version()).isEqualTo(saved.version() + 160);
      assertThat(after.attempts()).isEqualTo(1);
      assertThat(store().safetyDecisions("j", 1000)).hasSize(80);
    }
  }

  /** {@code save()}: creating, re-saving and filling in records. */
  @Nested
  class Save {
    @Test
    void saveCreatesAPendingJob() {
      JobRequest req = request("j");

      JobRecord r = store().save(req, null);

      assertThat(r.id()).isEqualTo("j");
      assertThat(r.state()).isEqualTo(PENDING);
      assertThat(r.attempts()).isZero();
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.createdAt()).isEqualTo(t0);
      assertThat(r.updatedAt()).isEqualTo(t0);
      assertThat(r.traceId()).isEmpty();
      assertThat(r.deadline()).isNull();
      assertThat(r.wakeAt()).isNull();
      assertThat(r.resultPtr()).isEmpty();
      assertThat(r.reasonCode()).isEmpty();
      assertThat(r.safety()).isNull();
      assertThat(store().get("j")).contains(r);
      assertThat(store().getRequest("j")).contains(req);
      assertThat(store().history("j")).containsExactly(new JobStateEvent(t0, PENDING));
      assertThat(store().countActiveByTenant(TENANT)).isZero(); // waiting jobs hold no slot
    }

    @Test
    void saveDerivesMetadataFromTheRequest() {
      JobRequest req =
          JobRequest.builder()
              .jobId("j")
              .topic("job.chat")
              .principalId("alice")
              .memoryId("mem:j")
              .workflowId("wf-1")
              .putEnv("tenant_id", "env-tenant")
              .putEnv("team_id", "team-1")
              .putLabels("req", "1")
              .putLabels("shared", "from-request")
              .meta(
                  JobMetadata.builder()
                      .tenantId("meta-tenant")
                      .actorId("bot-7")
                      .actorType(ActorType.SERVICE)
                      .idempotencyKey("idem-1")
                      .capability("chat")
                      .riskTags("pii", "network")
                      .requires("gpu")
                      .packId("pack-1")
                      .putLabels("meta", "2")
                      .putLabels("shared", "from-meta")
                      .build())
              .build();

      JobRecord r = store().save(req, "trace-1");

      assertThat(r.topic()).isEqualTo("job.chat");
      assertThat(r.tenant()).isEqualTo("meta-tenant").isEqualTo(Tenants.of(req));
      assertThat(r.team()).isEqualTo("team-1");
      assertThat(r.principal()).isEqualTo("alice");
      assertThat(r.actorId()).isEqualTo("bot-7");
      assertThat(r.actorType()).isEqualTo(ActorType.SERVICE);
      assertThat(r.idempotencyKey()).isEqualTo("idem-1");
      assertThat(r.capability()).isEqualTo("chat");
      assertThat(r.riskTags()).containsExactly("pii", "network");
      assertThat(r.requires()).containsExactly("gpu");
      assertThat(r.packId()).isEqualTo("pack-1");
      assertThat(r.labels())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("req", "1", "meta", "2", "shared", "from-meta"));
      assertThat(r.memoryId()).isEqualTo("mem:j");
      assertThat(r.workflowId()).isEqualTo("wf-1");
      assertThat(r.traceId()).isEqualTo("trace-1");
      assertThat(store().get("j")).contains(r);
    }

    @Test
    void tenantFollowsTheOneTenantRule() {
      JobMetadata meta = JobMetadata.builder().tenantId("meta-t").build();
      Map<String, JobRequest> cases =
          Map.of(
              "req-t",
              request("j1").toBuilder()
                  .tenantId("req-t")
                  .meta(meta)
                  .putEnv("tenant_id", "env-t")
                  .build(),
              "meta-t",
              request("j2").toBuilder()
                  .tenantId("")
                  .meta(meta)
                  .putEnv("tenant_id", "env-t")
                  .build(),
              "env-t",
              request("j3").toBuilder().tenantId("").putEnv("tenant_id", "env-t").build(),
              Tenants.DEFAULT,
              request("j4").toBuilder().tenantId("").build());
      cases.forEach(
          (tenant, req) -> {
            JobRecord r = store().save(req, null);
            assertThat(r.tenant()).as(req.jobId()).isEqualTo(tenant).isEqualTo(Tenants.of(req));
            store().transition(req.jobId(), Transition.of(SCHEDULED));
            assertThat(store().countActiveByTenant(tenant)).as(tenant).isEqualTo(1);
          });
    }

    @Test
    void actorFallsBackToThePrincipal() {
      JobRecord withMeta =
          store()
              .save(
                  request("j1").toBuilder()
                      .principalId("alice")
                      .meta(JobMetadata.builder().capability("chat").build())
                      .build(),
                  null);
      JobRecord withoutMeta =
          store().save(request("j2").toBuilder().principalId("bob").build(), null);

      assertThat(withMeta.actorId()).isEqualTo("alice");
      assertThat(withMeta.principal()).isEqualTo("alice");
      assertThat(withoutMeta.actorId()).isEqualTo("bob");
      assertThat(withoutMeta.actorType()).isEqualTo(ActorType.UNSPECIFIED);
    }

    @Test
    void resaveKeepsStateAttemptsDeadlineTimerAndUpdatedAt() {
      store().save(request("j"), null);
      clock.advance(Duration.ofSeconds(1));
      Instant wake = clock.instant().plusSeconds(60);
      store().transition("j", Transition.to(SCHEDULED).wakeAt(wake).build());
      Instant deadline = clock.instant().plusSeconds(3600);
      store().setDeadlineIfAbsent("j", deadline);
      JobRecord before = store().get("j").orElseThrow();
      List<JobStateEvent> history = store().history("j");
      clock.advance(Duration.ofSeconds(5));
      JobRequest changed = request("j").toBuilder().topic("job.other").putLabels("k", "v").build();

      JobRecord after = store().save(changed, null);

      assertThat(after.state()).isEqualTo(SCHEDULED);
      assertThat(after.attempts()).isEqualTo(1);
      assertThat(after.deadline()).isEqualTo(deadline);
      assertThat(after.wakeAt()).isEqualTo(wake);
      assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
      assertThat(after.createdAt()).isEqualTo(t0);
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(after.topic()).isEqualTo("job.other");
      assertThat(after.labels()).containsEntry("k", "v");
      assertThat(store().getRequest("j")).contains(changed);
      assertThat(store().history("j")).isEqualTo(history);
      assertThat(store().dueTimers(wake, 10)).extracting(JobRecord::id).containsExactly("j");
    }
  }

  /** {@code setTimer}: a timer without a state change. */
  @Nested
  class SetTimer {
    @Test
    void setTimerSetsTheTimerWithoutTouchingTheState() {
      JobRecord before = store().save(request("j"), null);
      clock.advance(Duration.ofSeconds(5));
      Instant wake = t0.plusSeconds(30);

      JobRecord after = store().setTimer("j", wake, "no_workers", "pool \"default\"", -1);

      assertThat(after.state()).isEqualTo(PENDING);
      assertThat(after.wakeAt()).isEqualTo(wake);
      assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(after.reasonCode()).isEqualTo("no_workers");
      assertThat(after.reason()).isEqualTo("pool \"default\"");
      assertThat(store().history("j")).hasSize(1);
      assertThat(store().dueTimers(wake.minusMillis(1), 10)).isEmpty();
      assertThat(store().dueTimers(wake, 10)).extracting(JobRecord::id).containsExactly("j");
    }

    @Test
    void setTimerWithNullClearsTheTimerAndKeepsTheReason() {
      store().save(request("j"), null);
      store().setTimer("j", t0.plusSeconds(1), "tenant_limit", "busy", -1);

      JobRecord after = store().setTimer("j", null, null, null, -1);

      assertThat(after.wakeAt()).isNull();
      assertThat(after.reasonCode()).isEqualTo("tenant_limit");
      assertThat(store().dueTimers(t0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void setTimerChecksTheVersionAndWritesNothingOnMismatch() {
      JobRecord rec = store().save(request("j"), null);

      assertThatThrownBy(() -> store().setTimer("j", t0, "x", "y", rec.version() + 1))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("j")).contains(rec);

      JobRecord ok = store().setTimer("j", t0, "x", "y", rec.version());
      assertThat(ok.version()).isEqualTo(rec.version() + 1);
    }

    @Test
    void setTimerLeavesTerminalJobsAlone() {
      store().save(request("j"), null);
      JobRecord done = store().cancel("j", "stop");

      JobRecord after = store().setTimer("j", t0.plusSeconds(1), "x", "y", -1);

      assertThat(after).isEqualTo(done);
      assertThat(store().dueTimers(t0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void setTimerOnAnUnknownJobIsNotFound() {
      assertThatThrownBy(() -> store().setTimer("nope", t0, null, null, -1))
          .isInstanceOf(NotFoundException.class);
    }

    @Test
    void resaveNeverResetsAttempts() {
      store().save(request("j"), null);
      move("j", SCHEDULED, PENDING, SCHEDULED);
      store().transition("j", Transition.of(PENDING));

      JobRecord resaved = store().save(request("j"), null); // a redelivery of the request

      assertThat(resaved.attempts()).isEqualTo(2);
      assertThat(store().transition("j", Transition.of(SCHEDULED)).attempts()).isEqualTo(3);
    }

    @Test
    void saveLeavesATerminalJobUnchanged() {
      JobRequest original = request("j");
      store().save(original, "trace-1");
      JobRecord failed = store().transition("j", Transition.of(FAILED));
      clock.advance(Duration.ofSeconds(1));

      JobRecord r = store().save(original.toBuilder().topic("job.other").build(), "trace-2");

      assertThat(r).isEqualTo(failed);
      assertThat(store().get("j")).contains(failed);
      assertThat(store().getRequest("j")).contains(original);
      assertThat(store().traceJobs("trace-2")).isEmpty();
      assertThat(store().traceJobs("trace-1")).extracting(JobRecord::id).containsExactly("j");
    }

    @Test
    void resaveOfTheStoredRequestReturnsTheJob() {
      JobRecord saved = store().save(request("j"), "trace-1");

      JobRecord r = store().resave(request("j"), "trace-1");

      assertThat(r.id()).isEqualTo("j");
      assertThat(r.state()).isEqualTo(PENDING);
      assertThat(r.traceId()).isEqualTo("trace-1");
      assertThat(r.createdAt()).isEqualTo(saved.createdAt());
      assertThat(store().resave(request("j"), null).state()).isEqualTo(PENDING);
      assertThat(store().history("j")).hasSize(1);
    }

    @Test
    void resaveCreatesAndUpdatesLikeSave() {
      JobRecord created = store().resave(request("j"), "trace-1");
      assertThat(created.state()).isEqualTo(PENDING);
      assertThat(store().traceJobs("trace-1")).extracting(JobRecord::id).containsExactly("j");

      JobRecord moved = store().resave(request("j").toBuilder().topic("job.other").build(), null);

      assertThat(moved.topic()).isEqualTo("job.other");
      assertThat(store().get("j")).map(JobRecord::topic).contains("job.other");
      assertThat(store().getRequest("j")).map(JobRequest::topic).contains("job.other");
      assertThat(
              store()
                  .resave(request("j").toBuilder().topic("job.other").build(), "trace-2")
                  .traceId())
          .isEqualTo("trace-2");
    }

    @Test
    void resaveLeavesATerminalJobUnchanged() {
      store().save(request("j"), null);
      JobRecord failed = store().transition("j", Transition.of(FAILED));

      assertThat(store().resave(request("j").toBuilder().topic("job.other").build(), null))
          .isEqualTo(failed);
      assertThat(store().get("j")).contains(failed);
    }

    @Test
    void resaveOfAJobWrittenLongAgoExtendsItsRetention() {
      store().save(request("j"), null);
      clock.advance(retention().minusSeconds(10));

      store().resave(request("j"), null);
      clock.advance(Duration.ofSeconds(20));

      assertThat(store().get("j")).isPresent();
    }

    @Test
    void saveFillsInABareRecord() {
      JobRecord bare = store().transition("j", Transition.of(RUNNING));
      assertThat(store().countActiveByTenant(TENANT)).isZero();
      clock.advance(Duration.ofSeconds(1));

      JobRecord r = store().save(request("j"), "trace-1");

      assertThat(r.state()).isEqualTo(RUNNING);
      assertThat(r.updatedAt()).isEqualTo(bare.updatedAt());
      assertThat(r.version()).isEqualTo(bare.version() + 1);
      assertThat(r.topic()).isEqualTo(TOPIC);
      assertThat(r.tenant()).isEqualTo(TENANT);
      assertThat(store().getRequest("j")).isPresent();
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(1);
      assertThat(store().traceJobs("trace-1")).extracting(JobRecord::id).containsExactly("j");
    }

    @Test
    void changingTheTenantMovesTheActiveCount() {
      store().save(request("j"), null);
      store().transition("j", Transition.of(RUNNING));

      store().save(request("j").toBuilder().tenantId("tenant-b").build(), null);

      assertThat(store().countActiveByTenant(TENANT)).isZero();
      assertThat(store().countActiveByTenant("tenant-b")).isEqualTo(1);
    }

    @Test
    void requestRoundTrips() {
      JobRequest req =
          request("job-1").toBuilder()
              .budget(Budget.ofDeadline(Duration.ofMillis(10)))
              .contextPtr("redis://ctx:job-1")
              .putEnv("a", "b")
              .build();

      store().save(req, null);

      assertThat(store().getRequest("job-1")).contains(req);
    }
  }

  /** Traces. */
  @Nested
  class Traces {
    @Test
    void traceJobsAreOldestFirst() {
      store().save(request("c"), "t");
      clock.advance(Duration.ofSeconds(1));
      store().save(request("a"), "t");
      clock.advance(Duration.ofSeconds(1));
      store().save(request("b"), "t");
      store().save(request("x"), "other");
      store().save(request("y"), null);
      store().transition("c", Transition.of(SCHEDULED)); // updates do not reorder a trace

      List<JobRecord> jobs = store().traceJobs("t");

      assertThat(jobs).extracting(JobRecord::id).containsExactly("c", "a", "b");
      assertThat(jobs).allSatisfy(r -> assertThat(r.traceId()).isEqualTo("t"));
      assertThat(store().get("y")).hasValueSatisfying(r -> assertThat(r.traceId()).isEmpty());
    }

    /** Trace views are full records. */
    @Test
    void traceJobsAreFullRecords() {
      store().save(request("j"), "trace-1");
      clock.advance(Duration.ofSeconds(1));
      JobRecord running = store().transition("j", Transition.of(RUNNING));

      assertThat(store().traceJobs("trace-1")).containsExactly(running);
      assertThat(running.topic()).isEqualTo(TOPIC);
      assertThat(running.tenant()).isEqualTo(TENANT);
      assertThat(running.updatedAt()).isEqualTo(clock.instant());
    }

    @Test
    void blankTraceIdAddsNoTrace() {
      JobRecord r = store().save(request("j"), "  ");

      assertThat(r.traceId()).isEmpty();
      assertThat(store().traceJobs("  ")).isEmpty();
      assertThat(store().traceJobs("")).isEmpty();
    }

    @Test
    void aJobBelongsToTheLastTraceItWasSavedWith() {
      store().save(request("j"), "trace-1");
      store().save(request("j"), "trace-2");
      JobRecord r = store().save(request("j"), null);

      assertThat(r.traceId()).isEqualTo("trace-2");
      assertThat(store().traceJobs("trace-2")).extracting(JobRecord::id).containsExactly("j");
      assertThat(store().traceJobs("trace-1")).isEmpty();
    }
  }

  /** {@code cancel()}. */
  @Nested
  class Cancel {
    @Test
    void cancelEndsEveryNonTerminalState() {
      for (JobState state : JobStatePaths.nonTerminal()) {
        String id = "c-" + state;
        savedIn(id, state);
        store().transition(id, Transition.to(state).wakeAt(t0.plusSeconds(30)).build());
        store().setDeadlineIfAbsent(id, t0.plusSeconds(60));
      }
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(3);
      for (JobState state : JobStatePaths.nonTerminal()) {
        String id = "c-" + state;
        JobRecord before = store().get(id).orElseThrow();
        clock.advance(Duration.ofSeconds(1));

        JobRecord r = store().cancel(id, "user asked");

        assertThat(r.state()).as(id).isEqualTo(CANCELLED);
        assertThat(r.reasonCode()).isEqualTo("cancelled");
        assertThat(r.reason()).isEqualTo("user asked");
        assertThat(r.updatedAt()).isEqualTo(clock.instant());
        assertThat(r.version()).isEqualTo(before.version() + 1);
        assertThat(r.attempts()).isEqualTo(before.attempts());
        assertThat(r.wakeAt()).isNull();
        assertThat(r.deadline()).isNull();
        assertThat(store().get(id)).contains(r);
        assertThat(store().history(id))
            .last()
            .isEqualTo(new JobStateEvent(clock.instant(), CANCELLED));
      }
      assertThat(store().countActiveByTenant(TENANT)).isZero();
      assertThat(store().dueTimers(t0.plusSeconds(3600), 100)).isEmpty();
      assertThat(store().expiredDeadlines(t0.plusSeconds(3600), 100)).isEmpty();
      assertThat(store().list(JobQuery.builder().state(CANCELLED).build()).items())
          .hasSize(JobStatePaths.nonTerminal().size());
    }

    @Test
    void cancelLeavesATerminalJobUnchanged() {
      for (JobState end : JobStatePaths.terminal()) {
        String id = "c-" + end;
        JobRecord before = savedIn(id, end);
        List<JobStateEvent> history = store().history(id);
        clock.advance(Duration.ofSeconds(1));

        assertThat(store().cancel(id, "too late")).isEqualTo(before);
        assertThat(store().get(id)).contains(before);
        assertThat(store().history(id)).isEqualTo(history);
      }
    }

    @Test
    void cancelOfAnUnknownJobIsNotFound() {
      assertThatThrownBy(() -> store().cancel("nope", "why"))
          .isInstanceOfSatisfying(
              NotFoundException.class, e -> assertThat(e.type()).isEqualTo("not_found"));
      assertThat(store().get("nope")).isEmpty();
    }
  }

  /** Tenant active counts. */
  @Nested
  class ActiveCounts {
    @Test
    void countActiveByTenantCountsJobsHoldingAWorkerSlot() {
      for (JobState state : JobState.values()) {
        savedIn("a-" + state, state);
      }
      store().save(request("b-1").toBuilder().tenantId("tenant-b").build(), null);
      store().transition("b-1", Transition.of(DISPATCHED));

      // the SCHEDULED, DISPATCHED and RUNNING jobs
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(3);
      assertThat(store().countActiveByTenant("tenant-b")).isEqualTo(1);
      assertThat(store().countActiveByTenant("nobody")).isZero();

      store().transition("a-" + RUNNING, Transition.of(SUCCEEDED));
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(2);
      store().transition("a-" + SCHEDULED, Transition.of(PENDING)); // retry edge frees the slot
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(1);
      store().transition("a-" + APPROVAL_REQUIRED, Transition.of(SCHEDULED));
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(2);
      store().transition("a-" + PENDING, Transition.of(RUNNING));
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(3);
    }

    @Test
    void blankTenantIsRejected() {
      assertRejected(() -> store().countActiveByTenant(" "), "tenant");
    }
  }

  /** Timers and deadlines. */
  @Nested
  class TimersAndDeadlines {
    @Test
    void terminalTransitionClearsTimerAndDeadline() {
      for (JobState end : List.of(SUCCEEDED, FAILED, CANCELLED, TIMEOUT, JobState.DENIED)) {
        String id = "t-" + end;
        savedIn(id, RUNNING);
        store().transition(id, Transition.to(RUNNING).wakeAt(t0.plusSeconds(10)).build());
        store().setDeadlineIfAbsent(id, t0.plusSeconds(20));

        JobRecord r = store().transition(id, Transition.to(end).wakeAt(t0.plusSeconds(30)).build());

        assertThat(r.wakeAt()).as(id).isNull();
        assertThat(r.deadline()).as(id).isNull();
      }
      assertThat(store().dueTimers(t0.plusSeconds(3600), 100)).isEmpty();
      assertThat(store().expiredDeadlines(t0.plusSeconds(3600), 100)).isEmpty();
    }

    @Test
    void everyTransitionReplacesTheTimer() {
      store().save(request("j"), null);
      Instant wake = t0.plusSeconds(30);

      assertThat(store().transition("j", Transition.to(SCHEDULED).wakeAt(wake).build()).wakeAt())
          .isEqualTo(wake);
      assertThat(store().dueTimers(wake, 10)).extracting(JobRecord::id).containsExactly("j");

      assertThat(store().transition("j", Transition.of(DISPATCHED)).wakeAt()).isNull();
      assertThat(store().dueTimers(t0.plusSeconds(3600), 10)).isEmpty();

      Instant later = t0.plusSeconds(600);
      assertThat(store().transition("j", Transition.to(RUNNING).wakeAt(later).build()).wakeAt())
          .isEqualTo(later);
      assertThat(store().dueTimers(wake, 10)).isEmpty();
      assertThat(store().dueTimers(later, 10)).extracting(JobRecord::wakeAt).containsExactly(later);
    }

    @Test
    void dueTimersAreEarliestFirstAndLimited() {
      Map<String, Integer> wakeSeconds =
          Map.of("a", 50, "b", 10, "c", 40, "d", 20, "e", 30, "f", 7200);
      wakeSeconds.forEach(
          (id, s) -> {
            store().save(request(id), null);
            store().transition(id, Transition.to(RUNNING).wakeAt(t0.plusSeconds(s)).build());
          });

      assertThat(store().dueTimers(t0.plusSeconds(40), 10))
          .extracting(JobRecord::id)
          .containsExactly("b", "d", "e", "c");
      assertThat(store().dueTimers(t0.plusSeconds(40), 2))
          .extracting(JobRecord::id)
          .containsExactly("b", "d");
      assertThat(store().dueTimers(t0.plusSeconds(9), 10)).isEmpty();
      assertThat(store().dueTimers(t0.plusSeconds(40), 10))
          .first()
          .satisfies(r -> assertThat(r.state()).isEqualTo(RUNNING));
    }

    @Test
    void setDeadlineIfAbsentSetsItOnce() {
      store().save(request("j"), null);
      Instant first = t0.plusSeconds(3600);

      assertThat(store().setDeadlineIfAbsent("j", first)).isEqualTo(first);
      clock.advance(Duration.ofSeconds(10));
      assertThat(store().setDeadlineIfAbsent("j", first.plusSeconds(10))).isEqualTo(first);
      assertThat(store().setDeadlineIfAbsent("j", first.minusSeconds(10))).isEqualTo(first);

      store().save(request("j"), null); // a redelivery
      store().transition("j", Transition.of(SCHEDULED));
      store().transition("j", Transition.of(PENDING));
      assertThat(store().get("j"))
          .hasValueSatisfying(r -> assertThat(r.deadline()).isEqualTo(first));
    }

    @Test
    void setDeadlineIfAbsentIsAWrite() {
      JobRecord saved = store().save(request("j"), null);
      clock.advance(Duration.ofSeconds(1));

      store().setDeadlineIfAbsent("j", t0.plusSeconds(60));

      JobRecord r = store().get("j").orElseThrow();
      assertThat(r.version()).isEqualTo(saved.version() + 1);
      assertThat(r.updatedAt()).isEqualTo(saved.updatedAt());
    }

    @Test
    void setDeadlineIfAbsentOnAnUnknownJobIsNotFound() {
      assertThatThrownBy(() -> store().setDeadlineIfAbsent("nope", t0))
          .isInstanceOf(NotFoundException.class);
      assertThat(store().get("nope")).isEmpty();
    }

    @Test
    void setDeadlineIfAbsentOnATerminalJobWritesNothing() {
      JobRecord failed = savedIn("j", FAILED);
      Instant deadline = t0.plusSeconds(60);

      assertThat(store().setDeadlineIfAbsent("j", deadline)).isEqualTo(deadline);

      assertThat(store().get("j")).contains(failed);
      assertThat(store().expiredDeadlines(t0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void expiredDeadlinesAreEarliestFirstAndSkipTerminalJobs() {
      Map<String, Integer> deadlineSeconds =
          Map.of("a", 30, "b", 10, "c", 20, "d", 5, "e", 3600, "f", 15);
      deadlineSeconds.forEach(
          (id, s) -> {
            store().save(request(id), "trace-1");
            store().setDeadlineIfAbsent(id, t0.plusSeconds(s));
          });
      store().transition("d", Transition.of(FAILED));
      store().cancel("f", "no longer needed");
      store().transition("c", Transition.of(RUNNING));

      List<JobRecord> expired = store().expiredDeadlines(t0.plusSeconds(30), 10);

      assertThat(expired).extracting(JobRecord::id).containsExactly("b", "c", "a");
      assertThat(expired).extracting(JobRecord::state).containsExactly(PENDING, RUNNING, PENDING);
      assertThat(expired).allSatisfy(r -> assertThat(r.traceId()).isEqualTo("trace-1"));
      assertThat(store().expiredDeadlines(t0.plusSeconds(30), 2))
          .extracting(JobRecord::id)
          .containsExactly("b", "c");
      assertThat(store().expiredDeadlines(t0.plusSeconds(9), 10)).isEmpty();
    }
  }

  /** Result, worker and reason fields. */
  @Nested
  class ResultFields {
    @Test
    void transitionsRecordResultWorkerAndReason() {
      store().save(request("job-123"), null);

      JobRecord running =
          store()
              .transition(
                  "job-123",
                  Transition.to(RUNNING).workerId("w-1").reason("slow", "took a while").build());
      assertThat(running.workerId()).isEqualTo("w-1");
      assertThat(running.reasonCode()).isEqualTo("slow");
      assertThat(running.reason()).isEqualTo("took a while");

      JobRecord retried = store().transition("job-123", Transition.of(PENDING));
      assertThat(retried.workerId()).isEqualTo("w-1");
      assertThat(retried.reasonCode()).isEqualTo("slow");

      JobRecord scheduled =
          store().transition("job-123", Transition.to(SCHEDULED).reason("", "").build());
      assertThat(scheduled.reasonCode()).isEmpty();
      assertThat(scheduled.reason()).isEmpty();
      assertThat(store().list(JobQuery.builder().state(SCHEDULED).build()).items())
          .extracting(JobRecord::id)
          .containsExactly("job-123");

      JobRecord done =
          store()
              .transition(
                  "job-123",
                  Transition.to(SUCCEEDED)
                      .resultPtr("redis://res:job-123")
                      .workerId("w-2")
                      .build());
      assertThat(done.resultPtr()).isEqualTo("redis://res:job-123");
      assertThat(done.workerId()).isEqualTo("w-2");
      assertThat(store().get("job-123")).contains(done);
    }
  }

  /** Safety decisions. */
  @Nested
  class SafetyDecisions {
    /**
     * Decisions round-trip whole, {@code approvalRequired} included (a flag written in one form and
     * read in another would come back false).
     */
    @Test
    void safetyDecisionsAreNewestFirstAndTheLatestIsOnTheRecord() {
      store().save(request("j"), null);
      SafetyDecisionRecord full = fullDecision();
      store().appendSafetyDecision("j", full);
      clock.advance(Duration.ofSeconds(1));
      SafetyDecisionRecord deny = decision(SafetyDecision.DENY, "forbidden");
      store().appendSafetyDecision("j", deny);
      clock.advance(Duration.ofSeconds(1));
      SafetyDecisionRecord approval = decision(SafetyDecision.REQUIRE_APPROVAL, "needs a human");

      JobRecord r =
          store()
              .transition("j", Transition.to(APPROVAL_REQUIRED).safetyDecision(approval).build());

      assertThat(r.safety()).isEqualTo(approval);
      assertThat(store().safetyDecisions("j", 10)).containsExactly(approval, deny, full);
      assertThat(store().safetyDecisions("j", 2)).containsExactly(approval, deny);
      assertThat(store().safetyDecisions("j", 10).get(2).approvalRequired()).isTrue();
    }

    @Test
    void theLatestDecisionReplacesEveryField() {
      store().save(request("j"), null);
      store().appendSafetyDecision("j", fullDecision());
      SafetyDecisionRecord bare = decision(SafetyDecision.ALLOW, "");

      store().appendSafetyDecision("j", bare);

      assertThat(store().get("j")).hasValueSatisfying(r -> assertThat(r.safety()).isEqualTo(bare));
    }

    @Test
    void appendingADecisionIsAWriteButNotAStateChange() {
      JobRecord saved = store().save(request("j"), null);
      clock.advance(Duration.ofSeconds(1));

      store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "ok"));

      JobRecord r = store().get("j").orElseThrow();
      assertThat(r.version()).isEqualTo(saved.version() + 1);
      assertThat(r.updatedAt()).isEqualTo(saved.updatedAt());
      assertThat(r.state()).isEqualTo(PENDING);
      assertThat(store().history("j")).hasSize(1);
    }

    @Test
    void appendSafetyDecisionToAnUnknownJobIsNotFound() {
      assertThatThrownBy(
              () -> store().appendSafetyDecision("nope", decision(SafetyDecision.ALLOW, "ok")))
          .isInstanceOf(NotFoundException.class);
      assertThat(store().get("nope")).isEmpty();
      assertThat(store().safetyDecisions("nope", 10)).isEmpty();
    }

    @Test
    void decisionsAreBoundedDroppingTheOldest() {
      store().save(request("j"), null);
      int total = decisionsLimit() + 20;
      for (int i = 0; i < total; i++) {
        store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "d" + i));
      }

      List<SafetyDecisionRecord> kept = store().safetyDecisions("j", JobQuery.MAX_LIMIT);

      assertThat(kept).hasSize(decisionsLimit());
      assertThat(kept.get(0).reason()).isEqualTo("d" + (total - 1));
      assertThat(kept.get(kept.size() - 1).reason()).isEqualTo("d" + (total - decisionsLimit()));
    }
  }

  /** History. */
  @Nested
  class History {
    @Test
    void historyIsOldestFirst() {
      List<JobStateEvent> expected = new ArrayList<>();
      store().save(request("j"), null);
      expected.add(new JobStateEvent(t0, PENDING));
      for (JobState s : List.of(SCHEDULED, DISPATCHED, RUNNING, SUCCEEDED)) {
        clock.advance(Duration.ofMillis(1500));
        store().transition("j", Transition.of(s));
        expected.add(new JobStateEvent(clock.instant(), s));
      }

      assertThat(store().history("j")).isEqualTo(expected);
    }

    @Test
    void historyIsBoundedDroppingTheOldest() {
      store().save(request("j"), null);
      int transitions = historyLimit() + 50;
      for (int i = 0; i < transitions; i++) {
        clock.advance(Duration.ofSeconds(1));
        store().transition("j", Transition.of(i % 2 == 0 ? SCHEDULED : PENDING));
      }

      List<JobStateEvent> history = store().history("j");

      assertThat(history).hasSize(historyLimit());
      assertThat(history.get(history.size() - 1).at()).isEqualTo(clock.instant());
      assertThat(history.get(0).at()).isEqualTo(t0.plusSeconds(transitions + 1L - historyLimit()));
    }
  }

  /** Listing. */
  @Nested
  class Listing {
    @Test
    void listFilters() {
      saveAt("j1", "topic-a", "t1", 0, PENDING);
      saveAt("j2", "topic-b", "t1", 1, RUNNING);
      saveAt("j3", "topic-a", "t2", 2, SUCCEEDED);
      saveAt("j4", "topic-b", "t2", 3, PENDING);

      assertThat(ids(JobQuery.builder())).containsExactly("j4", "j3", "j2", "j1");
      assertThat(ids(JobQuery.builder().state(PENDING))).containsExactly("j4", "j1");
      assertThat(ids(JobQuery.builder().topic("topic-a"))).containsExactly("j3", "j1");
      assertThat(ids(JobQuery.builder().tenant("t2"))).containsExactly("j4", "j3");
      assertThat(ids(JobQuery.builder().updatedAfter(t0.plusSeconds(1))))
          .containsExactly("j4", "j3", "j2");
      assertThat(ids(JobQuery.builder().updatedBefore(t0.plusSeconds(2))))
          .containsExactly("j3", "j2", "j1");
      assertThat(
              ids(
                  JobQuery.builder()
                      .updatedAfter(t0.plusSeconds(1))
                      .updatedBefore(t0.plusSeconds(2))))
          .containsExactly("j3", "j2");
      assertThat(ids(JobQuery.builder().state(PENDING).tenant("t1"))).containsExactly("j1");
      assertThat(ids(JobQuery.builder().topic("topic-b").order(JobQuery.Order.OLDEST_FIRST)))
          .containsExactly("j2", "j4");
      assertThat(ids(JobQuery.builder().topic("nope"))).isEmpty();
      assertThat(
              ids(
                  JobQuery.builder()
                      .updatedAfter(t0.plusSeconds(3))
                      .updatedBefore(t0.plusSeconds(1))))
          .isEmpty();
    }

    @Test
    void listFiltersByTeamWithAndWithoutOtherFilters() {
      saveTeam("j1", "t1", "red", 0);
      saveTeam("j2", "t1", "blue", 1);
      saveTeam("j3", "t2", "red", 2);
      saveTeam("j4", "t2", "", 3);

      assertThat(ids(JobQuery.builder().team("red"))).containsExactly("j3", "j1");
      assertThat(ids(JobQuery.builder().team("red").tenant("t1"))).containsExactly("j1");
      assertThat(ids(JobQuery.builder().team("blue").state(PENDING))).containsExactly("j2");
      assertThat(
              ids(JobQuery.builder().team("red").topic(TOPIC).order(JobQuery.Order.OLDEST_FIRST)))
          .containsExactly("j1", "j3");
      assertThat(ids(JobQuery.builder().team("green"))).isEmpty();
      // A full page with more to come: the filter is applied before the page is cut.
      Page<JobRecord> first = store().list(JobQuery.builder().team("red").limit(1).build());
      assertThat(first.items()).extracting(JobRecord::id).containsExactly("j3");
      assertThat(first.nextCursor()).isNotNull();
      Page<JobRecord> second =
          store().list(JobQuery.builder().team("red").limit(1).cursor(first.nextCursor()).build());
      assertThat(second.items()).extracting(JobRecord::id).containsExactly("j1");
      assertThat(second.nextCursor()).isNull();
    }

    private void saveTeam(String id, String tenant, String team, int second) {
      clock.set(t0.plusSeconds(second));
      JobRequest.Builder b = request(id).toBuilder().tenantId(tenant);
      if (!team.isEmpty()) {
        b.putEnv("team_id", team);
      }
      store().save(b.build(), null);
    }

    @Test
    void listOrdersByUpdateTimeThenId() {
      store().save(request("b"), null);
      store().save(request("a"), null);
      store().save(request("c"), null);
      clock.advance(Duration.ofMillis(1));
      store().save(request("0"), null);

      assertThat(ids(JobQuery.builder())).containsExactly("0", "c", "b", "a");
      assertThat(ids(JobQuery.builder().order(JobQuery.Order.OLDEST_FIRST)))
          .containsExactly("a", "b", "c", "0");
    }

    @Test
    void listOrderFollowsStateChangesOnly() {
      store().save(request("a"), null);
      clock.advance(Duration.ofSeconds(1));
      store().save(request("b"), null);
      clock.advance(Duration.ofSeconds(1));

      store().save(request("a").toBuilder().topic("job.other").build(), null);
      store().appendSafetyDecision("a", decision(SafetyDecision.ALLOW, "ok"));
      assertThat(ids(JobQuery.builder())).containsExactly("b", "a");

      store().transition("a", Transition.of(SCHEDULED));
      assertThat(ids(JobQuery.builder())).containsExactly("a", "b");
    }

    @Test
    void listRecentJobs() {
      store().transition("job-a", Transition.of(PENDING));
      clock.advance(Duration.ofMillis(10));
      store().transition("job-b", Transition.of(DISPATCHED));
      clock.advance(Duration.ofMillis(10));
      store().transition("job-c", Transition.of(RUNNING));

      Page<JobRecord> page = store().list(JobQuery.builder().limit(2).build());

      assertThat(page.items()).extracting(JobRecord::id).containsExactly("job-c", "job-b");
      assertThat(page.items().get(0).state()).isEqualTo(RUNNING);
      assertThat(page.nextCursor()).isNotNull();
    }

    @Test
    void listTwoPages() {
      store().transition("job-1", Transition.of(PENDING));
      clock.advance(Duration.ofMillis(1));
      store().transition("job-2", Transition.of(RUNNING));
      clock.advance(Duration.ofMillis(1));
      store().transition("job-3", Transition.of(RUNNING));
      clock.advance(Duration.ofMillis(1));
      store().transition("job-3", Transition.of(SUCCEEDED));

      Page<JobRecord> first = store().list(JobQuery.builder().limit(2).build());
      Page<JobRecord> second =
          store().list(JobQuery.builder().limit(2).cursor(first.nextCursor()).build());

      assertThat(first.items()).extracting(JobRecord::id).containsExactly("job-3", "job-2");
      assertThat(second.items()).extracting(JobRecord::id).containsExactly("job-1");
      assertThat(second.nextCursor()).isNull();
    }

    @Test
    void burstAtOneInstantPaginatesWithoutSkipsOrRepeats() {
      List<String> ids = burst(250, i -> TOPIC);
      List<String> ascending = ids.stream().sorted().toList();
      List<String> descending = ids.stream().sorted(Comparator.reverseOrder()).toList();

      assertPaged(JobQuery.builder().limit(20).build(), descending);
      assertPaged(
          JobQuery.builder().limit(20).order(JobQuery.Order.OLDEST_FIRST).build(), ascending);
    }

    @Test
    void filteredPagesAreFullWhileMoreJobsMatch() {
      List<String> ids = burst(250, i -> i % 7 == 0 ? "rare" : "common");
      List<String> rare =
          ids.stream()
              .filter(id -> Integer.parseInt(id.substring(4)) % 7 == 0)
              .sorted(Comparator.reverseOrder())
              .toList();
      assertThat(rare).hasSize(36);

      assertPaged(JobQuery.builder().topic("rare").limit(5).build(), rare);
      List<String> rareAscending = new ArrayList<>(rare);
      Collections.reverse(rareAscending);
      assertPaged(
          JobQuery.builder().topic("rare").limit(5).order(JobQuery.Order.OLDEST_FIRST).build(),
          rareAscending);
    }

    @Test
    void paginationAcrossManyTimestampsAndStates() {
      List<JobRecord> saved = new ArrayList<>();
      List<Integer> order = shuffled(250);
      for (int n = 0; n < order.size(); n++) {
        if (n % 13 == 0) {
          clock.advance(Duration.ofMillis(1));
        }
        String id = String.format("job-%03d", order.get(n));
        store().save(request(id), null);
        saved.add(
            n % 3 == 0
                ? store().transition(id, Transition.of(SCHEDULED))
                : store().get(id).orElseThrow());
      }
      Comparator<JobRecord> oldest =
          Comparator.comparing(JobRecord::updatedAt).thenComparing(JobRecord::id);
      Instant middle = saved.get(125).updatedAt();

      assertPaged(
          JobQuery.builder().limit(20).build(),
          idsOf(saved.stream().sorted(oldest.reversed()).toList()));
      assertPaged(
          JobQuery.builder().limit(7).state(SCHEDULED).build(),
          idsOf(
              saved.stream()
                  .filter(r -> r.state() == SCHEDULED)
                  .sorted(oldest.reversed())
                  .toList()));
      assertPaged(
          JobQuery.builder()
              .limit(9)
              .updatedAfter(middle)
              .order(JobQuery.Order.OLDEST_FIRST)
              .build(),
          idsOf(
              saved.stream().filter(r -> !r.updatedAt().isBefore(middle)).sorted(oldest).toList()));
      assertPaged(
          JobQuery.builder().limit(11).updatedBefore(middle).build(),
          idsOf(
              saved.stream()
                  .filter(r -> !r.updatedAt().isAfter(middle))
                  .sorted(oldest.reversed())
                  .toList()));
    }

    @Test
    void lastPageHasNoCursorEvenWhenFull() {
      burst(40, i -> TOPIC);

      Page<JobRecord> first = store().list(JobQuery.builder().limit(20).build());
      Page<JobRecord> second =
          store().list(JobQuery.builder().limit(20).cursor(first.nextCursor()).build());

      assertThat(first.items()).hasSize(20);
      assertThat(first.nextCursor()).isNotNull();
      assertThat(second.items()).hasSize(20);
      assertThat(second.nextCursor()).isNull();
    }

    @Test
    void badCursorIsRejected() {
      store().save(request("j"), null);

      assertRejected(
          () -> store().list(JobQuery.builder().cursor("%%% not a cursor %%%").build()), "cursor");
    }
  }

  /** Retention. */
  @Nested
  class Retention {
    @Test
    void jobLivesForTheRetentionAfterItsLastWrite() {
      store().save(request("j"), "trace-1");
      store().transition("j", Transition.of(RUNNING));

      clock.advance(retention().minusSeconds(1));

      assertThat(store().get("j")).isPresent();
      assertThat(store().traceJobs("trace-1")).hasSize(1);
      assertThat(store().countActiveByTenant(TENANT)).isEqualTo(1);
    }

    @Test
    void expiredJobReadsAsAbsentEverywhere() {
      store().save(request("j"), "trace-1");
      store().transition("j", Transition.to(SCHEDULED).wakeAt(t0.plusSeconds(60)).build());
      store().setDeadlineIfAbsent("j", t0.plusSeconds(3600));
      store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "ok"));
      store().reserveIdempotencyKey(TENANT, "idem-1", "j");

      clock.advance(retention().plusSeconds(1));
      Instant now = clock.instant();

      assertThat(store().get("j")).isEmpty();
      assertThat(store().getRequest("j")).isEmpty();
      assertThat(store().history("j")).isEmpty();
      assertThat(store().safetyDecisions("j", 10)).isEmpty();
      assertThat(store().list(JobQuery.builder().build()).items()).isEmpty();
      assertThat(store().list(JobQuery.builder().state(SCHEDULED).build()).items()).isEmpty();
      assertThat(store().traceJobs("trace-1")).isEmpty();
      assertThat(store().countActiveByTenant(TENANT)).isZero();
      assertThat(store().dueTimers(now, 10)).isEmpty();
      assertThat(store().expiredDeadlines(now, 10)).isEmpty();
      assertThat(store().findByIdempotencyKey(TENANT, "idem-1")).isEmpty();
      assertThatThrownBy(() -> store().cancel("j", "why")).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> store().setDeadlineIfAbsent("j", now))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(
              () -> store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "ok")))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(
              () ->
                  store()
                      .transition("j", Transition.to(DISPATCHED).expectedState(SCHEDULED).build()))
          .isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> store().transition("j", Transition.of(SUCCEEDED)))
          .isInstanceOfSatisfying(
              InvalidTransitionException.class, e -> assertThat(e.from()).isNull());
    }

    @Test
    void everyWriteExtendsTheRetention() {
      store().save(request("j"), null);
      Duration most = retention().minusSeconds(10);

      clock.advance(most);
      store().appendSafetyDecision("j", decision(SafetyDecision.ALLOW, "ok"));
      clock.advance(most);
      assertThat(store().get("j")).isPresent();
      store().save(request("j"), null);
      clock.advance(most);
      assertThat(store().get("j")).isPresent();
      store().transition("j", Transition.of(SCHEDULED));
      clock.advance(most);
      assertThat(store().get("j")).isPresent();

      clock.advance(Duration.ofSeconds(11));
      assertThat(store().get("j")).isEmpty();
    }

    @Test
    void expiredJobStartsOverWhenSavedAgain() {
      store().save(request("j"), "trace-1");
      store().transition("j", Transition.of(SCHEDULED));
      clock.advance(retention().plusSeconds(1));

      JobRecord r = store().save(request("j"), null);

      assertThat(r.state()).isEqualTo(PENDING);
      assertThat(r.attempts()).isZero();
      assertThat(r.version()).isEqualTo(1);
      assertThat(r.createdAt()).isEqualTo(clock.instant());
      assertThat(r.traceId()).isEmpty();
      assertThat(store().history("j")).hasSize(1);
      assertThat(store().traceJobs("trace-1")).isEmpty();
      assertThat(store().countActiveByTenant(TENANT)).isZero();
    }
  }

  /** Idempotency keys. */
  @Nested
  class IdempotencyKeys {
    @Test
    void reserveFindAndRelease() {
      assertThat(store().reserveIdempotencyKey(TENANT, "k", "job-1"))
          .isEqualTo(new IdempotencyReservation(true, "job-1"));
      assertThat(store().reserveIdempotencyKey(TENANT, "k", "job-2"))
          .isEqualTo(new IdempotencyReservation(false, "job-1"));
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");

      assertThat(store().releaseIdempotencyKey(TENANT, "k", "job-2")).isFalse();
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");

      assertThat(store().releaseIdempotencyKey(TENANT, "k", "job-1")).isTrue();
      assertThat(store().findByIdempotencyKey(TENANT, "k")).isEmpty();
      assertThat(store().releaseIdempotencyKey(TENANT, "k", "job-1")).isFalse();
      assertThat(store().reserveIdempotencyKey(TENANT, "k", "job-2"))
          .isEqualTo(new IdempotencyReservation(true, "job-2"));
    }

    @Test
    void idempotencyKeysAreScopedByTenant() {
      assertThat(store().reserveIdempotencyKey("tenant-a", "k", "job-a").reserved()).isTrue();
      assertThat(store().reserveIdempotencyKey("tenant-b", "k", "job-b").reserved()).isTrue();

      assertThat(store().findByIdempotencyKey("tenant-a", "k")).contains("job-a");
      assertThat(store().findByIdempotencyKey("tenant-b", "k")).contains("job-b");
      assertThat(store().findByIdempotencyKey("tenant-c", "k")).isEmpty();
      assertThat(store().releaseIdempotencyKey("tenant-b", "k", "job-a")).isFalse();
    }

    @Test
    void scopedKeysDoNotCollide() {
      assertThat(store().reserveIdempotencyKey("a:b", "c", "job-1").reserved()).isTrue();
      assertThat(store().reserveIdempotencyKey("a", "b:c", "job-2").reserved()).isTrue();

      assertThat(store().findByIdempotencyKey("a:b", "c")).contains("job-1");
      assertThat(store().findByIdempotencyKey("a", "b:c")).contains("job-2");
    }

    @Test
    void idempotencyKeysExpireAfterTheRetention() {
      store().reserveIdempotencyKey(TENANT, "k", "job-1");

      clock.advance(retention().minusSeconds(1));
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");
      clock.advance(Duration.ofSeconds(2));

      assertThat(store().findByIdempotencyKey(TENANT, "k")).isEmpty();
      assertThat(store().releaseIdempotencyKey(TENANT, "k", "job-1")).isFalse();
      assertThat(store().reserveIdempotencyKey(TENANT, "k", "job-2").reserved()).isTrue();
    }

    @Test
    void blankIdempotencyArgumentsAreRejected() {
      assertThatThrownBy(() -> store().reserveIdempotencyKey(TENANT, " ", "job-1"))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> store().reserveIdempotencyKey(" ", "k", "job-1"))
          .isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> store().findByIdempotencyKey(TENANT, ""))
          .isInstanceOf(ValidationException.class);
    }

    @Test
    void racingReservationsHaveOneWinner() throws Exception {
      AtomicInteger next = new AtomicInteger();
      List<IdempotencyReservation> results =
          Races.run(
              8, () -> store().reserveIdempotencyKey(TENANT, "k", "job-" + next.incrementAndGet()));

      List<IdempotencyReservation> winners =
          results.stream().filter(IdempotencyReservation::reserved).toList();
      assertThat(winners).hasSize(1);
      assertThat(results)
          .extracting(IdempotencyReservation::jobId)
          .containsOnly(winners.get(0).jobId());
    }

    // Issue 12, defect 1: a key reserved by a submit that failed (the job write failed, and so did
    // the release) must not make a later submit "a duplicate" of a job that was never saved.

    @Test
    void savingANewJobTakesItsIdempotencyKey() {
      store().save(keyed("job-1", "k"), null);

      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");
      assertThat(store().reserveIdempotencyKey(TENANT, "k", "job-2"))
          .isEqualTo(new IdempotencyReservation(false, "job-1"));
    }

    @Test
    void aNewJobWhoseKeyALiveJobHoldsIsNotSaved() {
      store().save(keyed("job-1", "k"), null);

      assertThatThrownBy(() -> store().save(keyed("job-2", "k"), null))
          .isInstanceOf(ConflictException.class);
      assertThat(store().get("job-2")).isEmpty();
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");
      // Other tenants' keys are apart.
      assertThat(
              store()
                  .save(keyed("job-3", "k").toBuilder().tenantId("tenant-b").build(), null)
                  .state())
          .isEqualTo(PENDING);
    }

    @Test
    void aKeyReservedForAJobThatWasNeverSavedIsTakenOverBySave() {
      store().reserveIdempotencyKey(TENANT, "k", "never-saved");

      JobRecord r = store().save(keyed("job-2", "k"), null);

      assertThat(r.state()).isEqualTo(PENDING);
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-2");
    }

    @Test
    void theReservingJobItselfIsSavedAndReSavesAreUnaffected() {
      store().reserveIdempotencyKey(TENANT, "k", "job-1");
      store().save(keyed("job-1", "k"), null);
      store().transition("job-1", Transition.of(SCHEDULED));

      JobRecord again = store().save(keyed("job-1", "k"), "trace-1");

      assertThat(again.state()).isEqualTo(SCHEDULED);
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains("job-1");
    }

    @Test
    void racingSavesOfOneKeyCreateOneJob() throws Exception {
      AtomicInteger next = new AtomicInteger();
      List<String> created =
          Races.run(
              8,
              () -> {
                String id = "job-" + next.incrementAndGet();
                try {
                  store().save(keyed(id, "k"), null);
                  return id;
                } catch (ConflictException e) {
                  return "";
                }
              });

      List<String> winners = created.stream().filter(s -> !s.isEmpty()).toList();
      assertThat(winners).hasSize(1);
      assertThat(store().findByIdempotencyKey(TENANT, "k")).contains(winners.get(0));
      assertThat(store().list(JobQuery.builder().build()).items())
          .extracting(JobRecord::id)
          .containsExactly(winners.get(0));
    }

    private static JobRequest keyed(String id, String key) {
      return request(id).toBuilder()
          .meta(JobMetadata.builder().idempotencyKey(key).build())
          .build();
    }
  }

  // =============================================================================================
  // Fixtures
  // =============================================================================================

  /** A request for job {@code id} on {@link #TOPIC} for {@link #TENANT}. */
  protected static JobRequest request(String id) {
    return JobRequest.builder().jobId(id).topic(TOPIC).tenantId(TENANT).build();
  }

  /** A decision checked now. */
  protected SafetyDecisionRecord decision(SafetyDecision d, String reason) {
    return SafetyDecisionRecord.of(d, reason, clock.instant());
  }

  /** A decision with every field set. */
  protected SafetyDecisionRecord fullDecision() {
    return SafetyDecisionRecord.builder()
        .decision(SafetyDecision.ALLOW_WITH_CONSTRAINTS)
        .reason("allowed with limits")
        .ruleId("rule-1")
        .policySnapshot("snap-1")
        .constraints(PolicyConstraints.builder().redactionLevel("strict").build())
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
        .checkedAt(clock.instant())
        .approval(
            new io.cordum.api.policy.ApprovalRecord(
                true, "alice", "admin", "window", "ticket OPS-1", clock.instant()))
        .build();
  }

  /** Applies transitions in order, returning the last record. */
  protected JobRecord move(String id, JobState... states) {
    JobRecord r = null;
    for (JobState s : states) {
      r = store().transition(id, Transition.of(s));
    }
    return Objects.requireNonNull(r, "no states");
  }

  /** Brings a job with no record into {@code state} by transitions alone; null leaves none. */
  protected @Nullable JobRecord reach(String id, @Nullable JobState state) {
    return state == null
        ? null
        : move(id, JobStatePaths.path(null, state).toArray(JobState[]::new));
  }

  /** Saves a job for {@link #TENANT} and moves it from PENDING into {@code state}. */
  protected JobRecord savedIn(String id, JobState state) {
    JobRecord r = store().save(request(id), null);
    List<JobState> path = JobStatePaths.path(PENDING, state);
    return path.isEmpty() ? r : move(id, path.toArray(JobState[]::new));
  }

  private void saveAt(String id, String topic, String tenant, int second, JobState state) {
    clock.set(t0.plusSeconds(second));
    store().save(request(id).toBuilder().topic(topic).tenantId(tenant).build(), null);
    if (state != PENDING) {
      move(id, JobStatePaths.path(PENDING, state).toArray(JobState[]::new));
    }
  }

  /** Saves {@code count} jobs {@code job-000...} in a shuffled order without moving the clock. */
  private List<String> burst(int count, IntFunction<String> topic) {
    List<String> ids = new ArrayList<>();
    for (int i : shuffled(count)) {
      String id = String.format("job-%03d", i);
      store().save(request(id).toBuilder().topic(topic.apply(i)).build(), null);
      ids.add(id);
    }
    return ids;
  }

  private static List<Integer> shuffled(int count) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, count).boxed().toList());
    Collections.shuffle(order, new Random(42));
    return order;
  }

  private List<String> ids(JobQuery.Builder query) {
    return idsOf(store().list(query.build()).items());
  }

  private static List<String> idsOf(List<JobRecord> records) {
    return records.stream().map(JobRecord::id).toList();
  }

  /**
   * Follows a listing's cursors to the end and checks that every page but the last is full, the
   * last is not empty (unless nothing matches), and the pages together are {@code expected}.
   */
  private void assertPaged(JobQuery query, List<String> expected) {
    List<List<String>> pages = new ArrayList<>();
    JobQuery q = query;
    while (true) {
      Page<JobRecord> page = store().list(q);
      pages.add(idsOf(page.items()));
      if (page.nextCursor() == null) {
        break;
      }
      assertThat(pages).as("listing does not end").hasSizeLessThanOrEqualTo(expected.size() + 1);
      q = q.toBuilder().cursor(page.nextCursor()).build();
    }
    for (int i = 0; i < pages.size() - 1; i++) {
      assertThat(pages.get(i)).as("page %d of %s", i, query).hasSize(query.limit());
    }
    List<String> last = pages.get(pages.size() - 1);
    assertThat(last).as("last page").hasSizeLessThanOrEqualTo(query.limit());
    if (!expected.isEmpty()) {
      assertThat(last).as("last page").isNotEmpty();
    }
    List<String> all = pages.stream().flatMap(List::stream).toList();
    assertThat(new HashSet<>(all)).as("no repeats").hasSize(all.size());
    assertThat(all).containsExactlyElementsOf(expected);
  }

  private static void assertRejected(ThrowingCallable call, String field) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations()).anySatisfy(v -> assertThat(v.field()).isEqualTo(field)));
  }
}
