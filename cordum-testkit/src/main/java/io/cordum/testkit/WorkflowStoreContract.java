package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.LimitExceededException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.RunCreation;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WorkflowStore}, as one JUnit 5 suite that every implementation runs.
 * Extend it and implement {@link #createStore(ManualClock, int)}:
 *
 * <pre>{@code
 * class MyWorkflowStoreTest extends WorkflowStoreContract {
 *   @Override protected WorkflowStore createStore(ManualClock clock, int timelineLimit) {
 *     return new MyWorkflowStore(clock, timelineLimit);
 *   }
 * }
 * }</pre>
 *
 * <p>The store must take the time only from the given clock. Each test uses fresh ids (a unique
 * prefix), so a shared backend needs no flushing between tests.
 */
public abstract class WorkflowStoreContract {
  /** The timeline bound the suite creates stores with. */
  protected static final int TIMELINE_LIMIT = 5;

  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  private @Nullable WorkflowStore store;
  private String prefix = "";

  /** Creates the store under test, keeping at most {@code timelineLimit} events per run. */
  protected abstract WorkflowStore createStore(ManualClock clock, int timelineLimit);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createWorkflowStore() {
    prefix = "wfc-" + Long.toHexString(System.nanoTime()) + "-";
    store = createStore(clock, TIMELINE_LIMIT);
  }

  @AfterEach
  void cleanUpWorkflowStore() {
    cleanUp();
  }

  /** The store under test. */
  protected WorkflowStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** A unique id for this test. */
  protected String id(String name) {
    return prefix + name;
  }

  private WorkflowDefinition def(String id, String tenant) {
    return WorkflowDefinition.builder(id)
        .tenant(tenant)
        .name("n")
        .label("v1")
        .step(
            StepDefinition.builder("a")
                .topic("job.a")
                .retry(StepRetry.of(2))
                .input("x", "${input.x}")
                .build())
        .step(
            StepDefinition.builder("b")
                .type(StepType.APPROVAL)
                .dependsOn("a")
                .timeoutSec(30)
                .build())
        .inputSchema(Map.of("type", "object"))
        .build();
  }

  private WorkflowRun run(String id, String wf) {
    return WorkflowRun.builder(id)
        .workflowId(wf)
        .workflowVersion(1)
        .tenant("t1")
        .input(Map.of("x", 1, "list", List.of("a", "b"), "nested", Map.of("k", true)))
        .labels(Map.of("dry_run", "true"))
        .build();
  }

  private WorkflowRun create(String id, String wf) {
    RunCreation c = store().createRun(run(id, wf));
    assertThat(c.created()).isTrue();
    return c.run();
  }

  private WorkflowRun update(WorkflowRun r, RunStatus status) {
    return store().updateRun(r.toBuilder().status(status).build(), r.version(), List.of());
  }

  // ---- definitions ----

  @Test
  void definitionSavesGetVersionsAndKeepOldOnes() {
    String id = id("wf");
    WorkflowDefinition v1 = store().saveDefinition(def(id, "t1"), 0);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.createdAt()).isEqualTo(clock.instant());
    assertThat(v1.updatedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(5));
    WorkflowDefinition v2 =
        store().saveDefinition(def(id, "t1").toBuilder().label("v2").build(), 1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
    assertThat(v2.updatedAt()).isEqualTo(clock.instant());

    assertThat(store().getDefinition(id)).contains(v2);
    assertThat(store().getDefinition(id, 1)).contains(v1);
    assertThat(store().getDefinition(id, 3)).isEmpty();
    assertThat(store().getDefinition(id("missing"))).isEmpty();
    WorkflowDefinition read = store().getDefinition(id, 1).orElseThrow();
    assertThat(read.steps().keySet()).containsExactly("a", "b");
    StepDefinition a = Objects.requireNonNull(read.steps().get("a"));
    assertThat(a.retry()).isEqualTo(StepRetry.of(2));
    assertThat(a.input()).isEqualTo(Map.of("x", "${input.x}"));
    assertThat(read.inputSchema()).isEqualTo(Map.of("type", "object"));
  }

  @Test
  void definitionSaveWithAStaleVersionConflictsAndWritesNothing() {
    String id = id("wf");
    store().saveDefinition(def(id, "t1"), -1);
    assertThatThrownBy(() -> store().saveDefinition(def(id, "t1"), 0))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store().saveDefinition(def(id, "t1"), 5))
        .isInstanceOf(ConflictException.class);
    assertThat(store().getDefinition(id).orElseThrow().version()).isEqualTo(1);
    assertThat(store().saveDefinition(def(id, "t1"), -1).version()).isEqualTo(2);
  }

  @Test
  void definitionsListPerTenantNewestFirst() {
    String a = id("a");
    String b = id("b");
    String c = id("c");
    store().saveDefinition(def(a, "t1"), -1);
    clock.advance(Duration.ofSeconds(1));
    store().saveDefinition(def(b, "t1"), -1);
    clock.advance(Duration.ofSeconds(1));
    store().saveDefinition(def(c, "t2"), -1);
    List<String> t1 =
        store().listDefinitions("t1", 100).stream()
            .map(WorkflowDefinition::id)
            .filter(x -> x.startsWith(prefix))
            .toList();
    assertThat(t1).containsExactly(b, a);
    List<String> every =
        store().listDefinitions("", 1000).stream()
            .map(WorkflowDefinition::id)
            .filter(x -> x.startsWith(prefix))
            .toList();
    assertThat(every).containsExactly(c, b, a);
  }

  @Test
  void deletingADefinitionHidesItButKeepsItsVersions() {
    String id = id("wf");
    store().saveDefinition(def(id, "t1"), -1);
    assertThat(store().deleteDefinition(id)).isTrue();
    assertThat(store().deleteDefinition(id)).isFalse();
    assertThat(store().getDefinition(id)).isEmpty();
    assertThat(store().getDefinition(id, 1)).isPresent();
    assertThat(store().listDefinitions("t1", 100)).noneMatch(d -> d.id().equals(id));
    WorkflowDefinition again = store().saveDefinition(def(id, "t1"), 0);
    assertThat(again.version()).isEqualTo(2);
  }

  // ---- runs ----

  @Test
  void createAndGetARun() {
    String id = id("r1");
    WorkflowRun r = create(id, id("wf"));
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.status()).isEqualTo(RunStatus.PENDING);
    assertThat(r.createdAt()).isEqualTo(clock.instant());
    assertThat(store().getRun(id)).contains(r);
    assertThat(store().getRun(id).orElseThrow().input().get("nested")).isEqualTo(Map.of("k", true));
    assertThat(store().getRun(id("missing"))).isEmpty();
    assertThatThrownBy(() -> store().createRun(run(id, id("wf"))))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void idempotencyKeysAreScopedByTenantAndReleasedWithTheRun() {
    String key = id("key");
    WorkflowRun first =
        store().createRun(run(id("r1"), id("wf")).toBuilder().idempotencyKey(key).build()).run();
    RunCreation again =
        store().createRun(run(id("r2"), id("wf")).toBuilder().idempotencyKey(key).build());
    assertThat(again.created()).isFalse();
    assertThat(again.run().id()).isEqualTo(first.id());
    assertThat(store().getRun(id("r2"))).isEmpty();
    assertThat(store().findRunByIdempotencyKey("t1", key)).contains(first.id());

    RunCreation otherTenant =
        store()
            .createRun(
                run(id("r3"), id("wf")).toBuilder().tenant("t2").idempotencyKey(key).build());
    assertThat(otherTenant.created()).isTrue();
    assertThat(store().findRunByIdempotencyKey("t2", key)).contains(id("r3"));

    assertThat(store().deleteRun(first.id())).isTrue();
    assertThat(store().findRunByIdempotencyKey("t1", key)).isEmpty();
    assertThat(
            store()
                .createRun(run(id("r4"), id("wf")).toBuilder().idempotencyKey(key).build())
                .created())
        .isTrue();
  }

  @Test
  void updateIsACompareAndSetOnTheVersion() {
    WorkflowRun r = create(id("r"), id("wf"));
    clock.advance(Duration.ofSeconds(1));
    StepRun step =
        StepRun.builder("a")
            .status(StepStatus.RUNNING)
            .attempts(1)
            .jobId(r.id() + ":a@1")
            .startedAt(clock.instant())
            .input(Map.of("x", 1))
            .error(WorkflowError.of("c", "m"))
            .build();
    WorkflowRun next =
        store()
            .updateRun(
                r.toBuilder()
                    .status(RunStatus.RUNNING)
                    .step(step)
                    .context(Map.of("steps", Map.of("a", Map.of("output", List.of(1, 2)))))
                    .build(),
                1,
                List.of());
    assertThat(next.version()).isEqualTo(2);
    assertThat(next.updatedAt()).isEqualTo(clock.instant());
    assertThat(next.createdAt()).isEqualTo(r.createdAt());
    assertThat(store().getRun(r.id())).contains(next);

    TimelineEvent e = TimelineEvent.of(TimelineEvent.RUN_STATUS, r.id());
    assertThatThrownBy(
            () -> store().updateRun(r.toBuilder().status(RunStatus.FAILED).build(), 1, List.of(e)))
        .isInstanceOf(ConflictException.class);
    assertThat(store().getRun(r.id())).contains(next);
    assertThat(store().timeline(r.id(), TimelineQuery.oldest(10)).items()).isEmpty();
  }

  @Test
  void identityFieldsAreKeptOnUpdate() {
    WorkflowRun r = create(id("r"), id("wf"));
    WorkflowRun next =
        store().updateRun(r.toBuilder().workflowId("other").tenant("x").build(), 1, List.of());
    assertThat(next.workflowId()).isEqualTo(id("wf"));
    assertThat(next.tenant()).isEqualTo("t1");
  }

  @Test
  void illegalRunTransitionsThrowAndWriteNothing() {
    WorkflowRun r = update(create(id("r"), id("wf")), RunStatus.SUCCEEDED);
    assertThatThrownBy(() -> update(r, RunStatus.CANCELLED))
        .isInstanceOf(InvalidRunTransitionException.class);
    assertThatThrownBy(() -> update(r, RunStatus.RUNNING))
        .isInstanceOf(InvalidRunTransitionException.class);
    assertThat(store().getRun(r.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(store().getRun(r.id()).orElseThrow().version()).isEqualTo(r.version());
  }

  @Test
  void updatingAnUnknownRunIsNotFound() {
    assertThatThrownBy(() -> store().updateRun(run(id("nope"), id("wf")), 1, List.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void concurrentUpdatesOfOneVersionHaveOneWinner() throws Exception {
    WorkflowRun r = create(id("r"), id("wf"));
    AtomicInteger n = new AtomicInteger();
    List<Boolean> won =
        Races.run(
            8,
            () -> {
              try {
                store()
                    .updateRun(
                        r.toBuilder().triggeredBy("w" + n.incrementAndGet()).build(),
                        1,
                        List.of(TimelineEvent.of("x", r.id())));
                return true;
              } catch (ConflictException e) {
                return false;
              }
            });
    assertThat(won.stream().filter(b -> b).count()).isEqualTo(1);
    assertThat(store().getRun(r.id()).orElseThrow().version()).isEqualTo(2);
    assertThat(store().timeline(r.id(), TimelineQuery.oldest(10)).items()).hasSize(1);
  }

  @Test
  void statusIndexFollowsTheRun() {
    String wf = id("wf");
    WorkflowRun r = create(id("r"), wf);
    assertThat(ids(store().listRuns(RunQuery.inStatus(RunStatus.PENDING, 1000)))).contains(r.id());
    WorkflowRun running = update(r, RunStatus.RUNNING);
    assertThat(ids(store().listRuns(RunQuery.inStatus(RunStatus.PENDING, 1000))))
        .doesNotContain(r.id());
    assertThat(ids(store().listRuns(RunQuery.inStatus(RunStatus.RUNNING, 1000)))).contains(r.id());
    update(running, RunStatus.FAILED);
    assertThat(ids(store().listRuns(RunQuery.inStatus(RunStatus.RUNNING, 1000))))
        .doesNotContain(r.id());
    assertThat(ids(store().listRuns(new RunQuery(wf, RunStatus.FAILED, 10, null))))
        .containsExactly(r.id());
  }

  @Test
  void runsListNewestFirstWithAStableCursor() {
    String wf = id("wf");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(id("r" + i), wf).id());
      clock.advance(Duration.ofMillis(i % 2 == 0 ? 0 : 10)); // some ties on time
    }
    Page<WorkflowRun> p1 = store().listRuns(RunQuery.ofWorkflow(wf, 2));
    assertThat(p1.hasMore()).isTrue();
    create(id("r9"), wf); // newer: must not shift later pages
    Page<WorkflowRun> p2 = store().listRuns(RunQuery.ofWorkflow(wf, 2).after(p1.nextCursor()));
    Page<WorkflowRun> p3 = store().listRuns(RunQuery.ofWorkflow(wf, 2).after(p2.nextCursor()));
    List<String> seen = new ArrayList<>(ids(p1));
    seen.addAll(ids(p2));
    seen.addAll(ids(p3));
    assertThat(p3.hasMore()).isFalse();
    List<String> expected = new ArrayList<>(created);
    java.util.Collections.reverse(expected);
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(ids(store().listRuns(RunQuery.ofWorkflow(wf, 1)))).containsExactly(id("r9"));
    assertThat(ids(store().listRuns(RunQuery.all(1000)))).contains(id("r0"), id("r9"));
  }

  private WorkflowRun createIn(String id, String wf, String tenant, String team) {
    RunCreation c = store().createRun(run(id, wf).toBuilder().tenant(tenant).team(team).build());
    assertThat(c.created()).isTrue();
    return c.run();
  }

  @Test
  void runsFilterByTenantTeamAndUpdateTimeDuringTheScan() {
    String wf = id("wf");
    String t1 = id("t1");
    String t2 = id("t2");
    Instant t0 = clock.instant();
    WorkflowRun a = createIn(id("a"), wf, t1, "red");
    clock.advance(Duration.ofSeconds(1));
    WorkflowRun b = createIn(id("b"), wf, t2, "red");
    clock.advance(Duration.ofSeconds(1));
    WorkflowRun c = createIn(id("c"), id("wf2"), t1, "blue");
    clock.advance(Duration.ofSeconds(1));
    WorkflowRun d = createIn(id("d"), wf, t1, "red");
    clock.advance(Duration.ofSeconds(10));
    a = update(a, RunStatus.RUNNING); // a is now the most recently written

    assertThat(ids(store().listRuns(RunQuery.builder().tenant(t1).build())))
        .containsExactly(d.id(), c.id(), a.id());
    assertThat(ids(store().listRuns(RunQuery.builder().tenant(t1).team("red").build())))
        .containsExactly(d.id(), a.id());
    assertThat(ids(store().listRuns(RunQuery.builder().workflowId(wf).team("red").build())))
        .containsExactly(d.id(), b.id(), a.id());
    assertThat(
            ids(store().listRuns(RunQuery.builder().tenant(t1).status(RunStatus.PENDING).build())))
        .containsExactly(d.id(), c.id());
    assertThat(
            ids(
                store()
                    .listRuns(
                        RunQuery.builder().tenant(t1).updatedAfter(t0.plusSeconds(5)).build())))
        .containsExactly(a.id());
    assertThat(
            ids(
                store()
                    .listRuns(
                        RunQuery.builder().tenant(t1).updatedBefore(t0.plusSeconds(2)).build())))
        .containsExactly(c.id());
    assertThat(
            ids(
                store()
                    .listRuns(
                        RunQuery.builder()
                            .workflowId(wf)
                            .updatedAfter(t0.plusSeconds(1))
                            .updatedBefore(t0.plusSeconds(3))
                            .build())))
        .containsExactly(d.id(), b.id());
    assertThat(ids(store().listRuns(RunQuery.builder().tenant(id("nobody")).build()))).isEmpty();

    // Filters apply before the page is cut: pages are full while more runs match.
    Page<WorkflowRun> p1 =
        store().listRuns(RunQuery.builder().tenant(t1).team("red").limit(1).build());
    assertThat(ids(p1)).containsExactly(d.id());
    Page<WorkflowRun> p2 =
        store()
            .listRuns(
                RunQuery.builder().tenant(t1).team("red").limit(1).build().after(p1.nextCursor()));
    assertThat(ids(p2)).containsExactly(a.id());
    assertThat(p2.hasMore()).isFalse();
  }

  @Test
  void activeRunsAreCountedPerTenantUntilTheyEnd() {
    String t = id("tenant");
    WorkflowRun a = createIn(id("a"), id("wf"), t, "");
    WorkflowRun b = createIn(id("b"), id("wf"), t, "");
    createIn(id("c"), id("wf"), id("other"), "");
    assertThat(store().countActiveRuns(t)).isEqualTo(2);
    a = update(a, RunStatus.RUNNING);
    a = update(a, RunStatus.WAITING);
    assertThat(store().countActiveRuns(t)).isEqualTo(2);
    update(a, RunStatus.SUCCEEDED);
    assertThat(store().countActiveRuns(t)).isEqualTo(1);
    store().deleteRun(b.id());
    assertThat(store().countActiveRuns(t)).isZero();
    assertThat(store().countActiveRuns(id("none"))).isZero();
  }

  @Test
  void createRefusesARunOverItsTenantsLimitAndWritesNothing() {
    String t = id("tenant");
    WorkflowRun a = createIn(id("a"), id("wf"), t, "");
    assertThat(store().createRun(run(id("b"), id("wf")).toBuilder().tenant(t).build(), 2).created())
        .isTrue();
    WorkflowRun refused = run(id("c"), id("wf")).toBuilder().tenant(t).idempotencyKey("k").build();
    assertThatThrownBy(() -> store().createRun(refused, 2))
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("max_concurrent_runs");
              assertThat(e.max()).isEqualTo(2);
              assertThat(e.current()).isEqualTo(2);
              assertThat(e.retryable()).isTrue();
              assertThat(e.type()).isEqualTo("limit_exceeded");
            });
    assertThat(store().getRun(id("c"))).isEmpty();
    assertThat(store().findRunByIdempotencyKey(t, "k")).isEmpty(); // the key is not held
    assertThat(ids(store().listRuns(RunQuery.builder().tenant(t).build()))).doesNotContain(id("c"));
    // Another tenant and no limit are unaffected.
    assertThat(
            store()
                .createRun(run(id("d"), id("wf")).toBuilder().tenant(id("x")).build(), 2)
                .created())
        .isTrue();
    assertThat(store().createRun(refused, 0).created()).isTrue();
    // The run holding the key is returned even at the limit.
    RunCreation again = store().createRun(refused.toBuilder().id(id("e")).build(), 1);
    assertThat(again.created()).isFalse();
    assertThat(again.run().id()).isEqualTo(id("c"));
    // A run that ends frees its slot.
    update(update(a, RunStatus.RUNNING), RunStatus.CANCELLED);
    assertThat(store().createRun(run(id("f"), id("wf")).toBuilder().tenant(t).build(), 3).created())
        .isTrue();
  }

  @Test
  void concurrentCreatesNeverExceedTheLimit() throws Exception {
    String t = id("tenant");
    int limit = 3;
    AtomicInteger next = new AtomicInteger();
    List<Boolean> made =
        Races.run(
            12,
            () -> {
              try {
                return store()
                    .createRun(
                        run(id("r" + next.incrementAndGet()), id("wf")).toBuilder()
                            .tenant(t)
                            .build(),
                        limit)
                    .created();
              } catch (LimitExceededException e) {
                return false;
              }
            });
    assertThat(made.stream().filter(x -> x).count()).isEqualTo(limit);
    assertThat(store().countActiveRuns(t)).isEqualTo(limit);
  }

  @Test
  void dueTimersAreEarliestFirstAndClearedForTerminalRuns() {
    Instant t0 = clock.instant();
    WorkflowRun a = create(id("a"), id("wf"));
    WorkflowRun b = create(id("b"), id("wf"));
    a =
        store()
            .updateRun(
                a.toBuilder().status(RunStatus.RUNNING).wakeAt(t0.plusSeconds(20)).build(),
                a.version(),
                List.of());
    b =
        store()
            .updateRun(
                b.toBuilder().status(RunStatus.RUNNING).wakeAt(t0.plusSeconds(10)).build(),
                b.version(),
                List.of());
    assertThat(dueIds(t0.plusSeconds(5))).isEmpty();
    assertThat(dueIds(t0.plusSeconds(10))).containsExactly(b.id());
    assertThat(dueIds(t0.plusSeconds(60))).containsExactly(b.id(), a.id());

    b = store().updateRun(b.toBuilder().wakeAt(t0.plusSeconds(30)).build(), b.version(), List.of());
    assertThat(dueIds(t0.plusSeconds(25))).containsExactly(a.id());
    WorkflowRun done = update(a, RunStatus.SUCCEEDED);
    assertThat(done.wakeAt()).isNull();
    assertThat(dueIds(t0.plusSeconds(60))).containsExactly(b.id());
    store().updateRun(b.toBuilder().wakeAt(null).build(), b.version(), List.of());
    assertThat(dueIds(t0.plusSeconds(60))).isEmpty();
  }

  private List<String> dueIds(Instant at) {
    return store().dueTimers(at, 1000).stream()
        .map(WorkflowRun::id)
        .filter(x -> x.startsWith(prefix))
        .toList();
  }

  @Test
  void deletingARunRemovesItEverywhere() {
    String wf = id("wf");
    WorkflowRun r = create(id("r"), wf);
    r =
        store()
            .updateRun(
                r.toBuilder().wakeAt(clock.instant()).build(),
                1,
                List.of(TimelineEvent.of("x", r.id())));
    assertThat(store().deleteRun(r.id())).isTrue();
    assertThat(store().deleteRun(r.id())).isFalse();
    assertThat(store().getRun(r.id())).isEmpty();
    assertThat(store().listRuns(RunQuery.ofWorkflow(wf, 10)).items()).isEmpty();
    assertThat(ids(store().listRuns(RunQuery.inStatus(RunStatus.PENDING, 1000))))
        .doesNotContain(r.id());
    assertThat(dueIds(clock.instant().plusSeconds(1))).isEmpty();
    assertThat(store().timeline(r.id(), TimelineQuery.oldest(10)).items()).isEmpty();
  }

  // ---- timeline ----

  @Test
  void timelineAppendsInOrderAndPagesFromEitherEnd() {
    String run = id("r");
    for (int i = 1; i <= 4; i++) {
      TimelineEvent e =
          store().appendTimeline(run, TimelineEvent.of("e" + i, run).withData(Map.of("i", i)));
      assertThat(e.seq()).isEqualTo(i);
      assertThat(e.time()).isEqualTo(clock.instant());
    }
    Page<TimelineEvent> old1 = store().timeline(run, TimelineQuery.oldest(3));
    assertThat(types(old1)).containsExactly("e1", "e2", "e3");
    Page<TimelineEvent> old2 =
        store().timeline(run, TimelineQuery.oldest(3).after(old1.nextCursor()));
    assertThat(types(old2)).containsExactly("e4");
    assertThat(old2.hasMore()).isFalse();

    Page<TimelineEvent> new1 = store().timeline(run, TimelineQuery.newest(3));
    assertThat(types(new1)).containsExactly("e4", "e3", "e2");
    Page<TimelineEvent> new2 =
        store().timeline(run, TimelineQuery.newest(3).after(new1.nextCursor()));
    assertThat(types(new2)).containsExactly("e1");
    assertThat(new2.items().get(0).data()).isEqualTo(Map.of("i", 1L));
    assertThat(store().timeline(id("none"), TimelineQuery.newest(3)).items()).isEmpty();
  }

  @Test
  void timelineIsBoundedDroppingTheOldest() {
    String run = id("r");
    for (int i = 1; i <= TIMELINE_LIMIT + 3; i++) {
      store().appendTimeline(run, TimelineEvent.of("e" + i, run));
    }
    List<TimelineEvent> kept = store().timeline(run, TimelineQuery.oldest(100)).items();
    assertThat(kept).hasSize(TIMELINE_LIMIT);
    assertThat(kept.get(0).seq()).isEqualTo(4);
    assertThat(kept.get(kept.size() - 1).seq()).isEqualTo(TIMELINE_LIMIT + 3);
  }

  @Test
  void updateAppendsItsEventsAtomically() {
    WorkflowRun r = create(id("r"), id("wf"));
    Instant at = clock.instant().minusSeconds(3);
    store()
        .updateRun(
            r.toBuilder().status(RunStatus.RUNNING).build(),
            1,
            List.of(
                TimelineEvent.of(TimelineEvent.STEP_DISPATCHED, r.id())
                    .withStep("a")
                    .withJob(r.id() + ":a@1")
                    .withStatus("running")
                    .at(at, r.workflowId()),
                TimelineEvent.of(TimelineEvent.RUN_STATUS, r.id()).withStatus("running")));
    List<TimelineEvent> events = store().timeline(r.id(), TimelineQuery.oldest(10)).items();
    assertThat(events)
        .extracting(TimelineEvent::type)
        .containsExactly(TimelineEvent.STEP_DISPATCHED, TimelineEvent.RUN_STATUS);
    assertThat(events.get(0).time()).isEqualTo(at);
    assertThat(events.get(0).jobId()).isEqualTo(r.id() + ":a@1");
    assertThat(events.get(0).workflowId()).isEqualTo(r.workflowId());
    assertThat(events.get(1).time()).isEqualTo(clock.instant());
  }

  private static List<String> ids(Page<WorkflowRun> p) {
    return p.items().stream().map(WorkflowRun::id).toList();
  }

  private static List<String> types(Page<TimelineEvent> p) {
    return p.items().stream().map(TimelineEvent::type).toList();
  }
}
