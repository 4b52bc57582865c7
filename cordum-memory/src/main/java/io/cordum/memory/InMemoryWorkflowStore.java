package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.LimitExceededException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.internal.store.Args;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.RunCreation;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WorkflowStore} held in this JVM. Each run changes under its own map entry lock ({@code
 * compute}), which also covers its index entries, timer and timeline append: two runs never
 * contend. Definitions keep every version.
 */
public final class InMemoryWorkflowStore implements WorkflowStore {
  /** The default bound of a run's timeline. */
  public static final int DEFAULT_TIMELINE_LIMIT = 1000;

  private final InstantSource clock;
  private final int timelineLimit;
  private final ConcurrentHashMap<String, DefinitionVersions> definitions =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, WorkflowRun> runs = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<RunKey> all = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<String, NavigableSet<RunKey>> byWorkflow =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<RunStatus, NavigableSet<RunKey>> byStatus =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, NavigableSet<RunKey>> byTenant =
      new ConcurrentHashMap<>();

  /** Non-terminal run ids by tenant: the concurrency limit's count. */
  private final IdSets active = new IdSets();

  /** Serialises creations per tenant, so a limit check and its create are one step. */
  private final ConcurrentHashMap<String, ReentrantLock> createLocks = new ConcurrentHashMap<>();

  private final ConcurrentSkipListSet<RunKey> timers = new ConcurrentSkipListSet<>();
  private final ConcurrentHashMap<String, String> idempotency = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TimelineLog> timelines = new ConcurrentHashMap<>();

  /** A store with the default timeline bound. */
  public InMemoryWorkflowStore(InstantSource clock) {
    this(clock, DEFAULT_TIMELINE_LIMIT);
  }

  /** A store keeping at most {@code timelineLimit} events per run. */
  public InMemoryWorkflowStore(InstantSource clock, int timelineLimit) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timelineLimit = Args.positive(timelineLimit, "timeline_limit");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The versions of one workflow; {@code deleted} hides the latest. */
  private record DefinitionVersions(List<WorkflowDefinition> versions, boolean deleted) {
    WorkflowDefinition latest() {
      return versions.get(versions.size() - 1);
    }
  }

  @Override
  public WorkflowDefinition saveDefinition(WorkflowDefinition def, long expectedVersion) {
    Args.nonBlank(def.id(), "id");
    WorkflowDefinition[] saved = new WorkflowDefinition[1];
    definitions.compute(
        def.id(),
        (id, cur) -> {
          long latest = cur == null || cur.deleted() ? 0 : cur.latest().version();
          if (expectedVersion >= 0 && expectedVersion != latest) {
            throw new ConflictException(
                "workflow " + id + " is at version " + latest + ", expected " + expectedVersion);
          }
          long next = cur == null ? 1 : cur.latest().version() + 1;
          Instant now = now();
          Instant created = cur == null || cur.deleted() ? now : cur.versions().get(0).createdAt();
          saved[0] = def.withVersion(next, created, now);
          List<WorkflowDefinition> versions =
              cur == null ? new ArrayList<>() : new ArrayList<>(cur.versions());
          versions.add(saved[0]);
          return new DefinitionVersions(List.copyOf(versions), false);
        });
    return saved[0];
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId) {
    DefinitionVersions v = definitions.get(workflowId);
    return v == null || v.deleted() ? Optional.empty() : Optional.of(v.latest());
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId, long version) {
    DefinitionVersions v = definitions.get(workflowId);
    if (v == null) {
      return Optional.empty();
    }
    return v.versions().stream().filter(d -> d.version() == version).findFirst();
  }

  @Override
  public List<WorkflowDefinition> listDefinitions(String tenant, int limit) {
    return definitions.values().stream()
        .filter(v -> !v.deleted())
        .map(DefinitionVersions::latest)
        .filter(d -> tenant.isBlank() || d.tenant().equals(tenant))
        .sorted(
            Comparator.comparing(
                    WorkflowDefinition::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(WorkflowDefinition::id, Comparator.reverseOrder()))
        .limit(Math.max(1, limit))
        .toList();
  }

  @Override
  public boolean deleteDefinition(String workflowId) {
    boolean[] existed = {false};
    definitions.computeIfPresent(
        workflowId,
        (id, cur) -> {
          existed[0] = !cur.deleted();
          return new DefinitionVersions(cur.versions(), true);
        });
    return existed[0];
  }

  private static String idemKey(String tenant, String key) {
    return tenant + "\u0000" + key;
  }

  @Override
  public RunCreation createRun(WorkflowRun run, int maxActiveRuns) {
    Args.nonBlank(run.id(), "id");
    Args.nonBlank(run.workflowId(), "workflow_id");
    ReentrantLock lock = createLocks.computeIfAbsent(run.tenant(), t -> new ReentrantLock());
    lock.lock();
    try {
      return create(run, maxActiveRuns);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long countActiveRuns(String tenant) {
    return active.count(tenant);
  }

  private RunCreation create(WorkflowRun run, int maxActiveRuns) {
    String key =
        run.idempotencyKey().isBlank() ? null : idemKey(run.tenant(), run.idempotencyKey());
    if (key != null) {
      String holder =
          idempotency.compute(
              key, (k, cur) -> cur != null && runs.containsKey(cur) ? cur : run.id());
      if (!holder.equals(run.id())) {
        WorkflowRun other = runs.get(holder);
        if (other != null) {
          return new RunCreation(other, false);
        }
      }
    }
    if (maxActiveRuns > 0 && !runs.containsKey(run.id())) {
      int n = active.count(run.tenant());
      if (n >= maxActiveRuns) {
        if (key != null) {
          idempotency.remove(key, run.id());
        }
        throw new LimitExceededException(
            "max_concurrent_runs",
            maxActiveRuns,
            n,
            "max concurrent runs reached: tenant \""
                + run.tenant()
                + "\" has "
                + n
                + " active runs (limit "
                + maxActiveRuns
                + ")");
      }
    }
    Instant now = now();
    WorkflowRun stored = normalize(run.stored(1, now, now));
    if (runs.putIfAbsent(run.id(), stored) != null) {
      if (key != null) {
        idempotency.remove(key, run.id());
      }
      throw new ConflictException("workflow run " + run.id() + " already exists");
    }
    runs.compute(
        run.id(),
        (id, cur) -> {
          index(null, cur);
          return cur;
        });
    return new RunCreation(stored, true);
  }

  private static WorkflowRun normalize(WorkflowRun r) {
    return r.isTerminal() && r.wakeAt() != null ? r.toBuilder().wakeAt(null).build() : r;
  }

  @Override
  public Optional<WorkflowRun> getRun(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public WorkflowRun updateRun(WorkflowRun run, long expectedVersion, List<TimelineEvent> events) {
    WorkflowRun[] out = new WorkflowRun[1];
    WorkflowRun res =
        runs.computeIfPresent(
            run.id(),
            (id, cur) -> {
              if (cur.version() != expectedVersion) {
                throw new ConflictException(
                    "workflow run "
                        + id
                        + " is at version "
                        + cur.version()
                        + ", expected "
                        + expectedVersion);
              }
              if (!RunStatus.canTransition(cur.status(), run.status())) {
                throw new InvalidRunTransitionException(
                    "workflow run " + id, cur.status().wireName(), run.status().wireName());
              }
              Instant now = now();
              WorkflowRun next =
                  normalize(
                      run.toBuilder()
                          .workflowId(cur.workflowId())
                          .tenant(cur.tenant())
                          .idempotencyKey(cur.idempotencyKey())
                          .build()
                          .stored(cur.version() + 1, cur.createdAt(), now));
              index(cur, next);
              if (!events.isEmpty()) {
                TimelineLog log =
                    timelines.computeIfAbsent(id, k -> new TimelineLog(timelineLimit));
                events.forEach(e -> log.append(e, now));
              }
              out[0] = next;
              return next;
            });
    if (res == null) {
      throw new NotFoundException("workflow run " + run.id());
    }
    return out[0];
  }

  /** Moves a run's index and timer entries from {@code before} (null: none) to {@code after}. */
  private void index(@Nullable WorkflowRun before, @Nullable WorkflowRun after) {
    if (before != null && after != null) {
      move(before, after);
      return;
    }
    if (before != null) {
      RunKey k = key(before);
      if (after == null) {
        all.remove(k);
        setOf(byWorkflow, before.workflowId()).remove(k);
      }
      if (after == null) {
        setOf(byTenant, before.tenant()).remove(k);
      }
      if (after == null || after.status() != before.status()) {
        setOf(byStatus, before.status()).remove(k);
      }
      if (!before.isTerminal() && (after == null || after.isTerminal())) {
        active.remove(before.tenant(), before.id());
      }
      if (before.wakeAt() != null) {
        timers.remove(new RunKey(before.wakeAt().toEpochMilli(), before.id()));
      }
    }
    if (after != null) {
      RunKey k = key(after);
      all.add(k);
      setOf(byWorkflow, after.workflowId()).add(k);
      setOf(byStatus, after.status()).add(k);
      setOf(byTenant, after.tenant()).add(k);
      if (!after.isTerminal()) {
        active.add(after.tenant(), after.id());
      }
      if (after.wakeAt() != null) {
        timers.add(new RunKey(after.wakeAt().toEpochMilli(), after.id()));
      }
    }
  }

  /**
   * An update: the run keeps its key, workflow and tenant (the store keeps them), so only the
   * status index, the active set and the timer move, and only when they changed.
   */
  private void move(WorkflowRun before, WorkflowRun after) {
    if (after.status() != before.status()) {
      RunKey k = key(after);
      setOf(byStatus, before.status()).remove(k);
      setOf(byStatus, after.status()).add(k);
    }
    if (!before.isTerminal() && after.isTerminal()) {
      active.remove(before.tenant(), before.id());
    }
    if (before.isTerminal() && !after.isTerminal()) {
      active.add(after.tenant(), after.id()); // not reached: the status table forbids it
    }
    if (!Objects.equals(before.wakeAt(), after.wakeAt())) {
      if (before.wakeAt() != null) {
        timers.remove(new RunKey(before.wakeAt().toEpochMilli(), before.id()));
      }
      if (after.wakeAt() != null) {
        timers.add(new RunKey(after.wakeAt().toEpochMilli(), after.id()));
      }
    }
  }

  private static <K> NavigableSet<RunKey> setOf(Map<K, NavigableSet<RunKey>> m, K k) {
    return m.computeIfAbsent(k, x -> new ConcurrentSkipListSet<>());
  }

  private static RunKey key(WorkflowRun r) {
    return RunKey.of(Objects.requireNonNull(r.createdAt(), "createdAt"), r.id());
  }

  @Override
  public boolean deleteRun(String runId) {
    boolean[] existed = {false};
    runs.computeIfPresent(
        runId,
        (id, cur) -> {
          existed[0] = true;
          index(cur, null);
          timelines.remove(id);
          if (!cur.idempotencyKey().isBlank()) {
            idempotency.remove(idemKey(cur.tenant(), cur.idempotencyKey()), id);
          }
          return null;
        });
    return existed[0];
  }

  @Override
  public Page<WorkflowRun> listRuns(RunQuery q) {
    NavigableSet<RunKey> set;
    if (!q.workflowId().isBlank()) {
      set = byWorkflow.getOrDefault(q.workflowId(), new ConcurrentSkipListSet<>());
    } else if (!q.tenant().isBlank()) {
      set = byTenant.getOrDefault(q.tenant(), new ConcurrentSkipListSet<>());
    } else if (q.status() != null) {
      set = byStatus.getOrDefault(q.status(), new ConcurrentSkipListSet<>());
    } else {
      set = all;
    }
    NavigableSet<RunKey> view = set.descendingSet();
    if (q.cursor() != null) {
      RunKey from = RunKey.parse(q.cursor());
      if (from != null) {
        view = view.tailSet(from, false);
      }
    }
    List<WorkflowRun> out = new ArrayList<>();
    RunKey last = null;
    boolean more = false;
    for (RunKey k : view) {
      WorkflowRun r = runs.get(k.id());
      if (r == null || !q.matches(r)) {
        continue;
      }
      if (out.size() == q.limit()) {
        more = true;
        break;
      }
      out.add(r);
      last = k;
    }
    return new Page<>(out, more && last != null ? last.cursor() : null);
  }

  @Override
  public List<WorkflowRun> dueTimers(Instant now, int limit) {
    List<WorkflowRun> out = new ArrayList<>();
    long due = now.toEpochMilli();
    for (RunKey k : timers) {
      if (k.createdMs() > due || out.size() >= limit) {
        break;
      }
      WorkflowRun r = runs.get(k.id());
      if (r != null && !r.isTerminal() && r.wakeAt() != null && r.wakeAt().toEpochMilli() <= due) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public Optional<String> findRunByIdempotencyKey(String tenant, String key) {
    String id = idempotency.get(idemKey(tenant, key));
    return id != null && runs.containsKey(id) ? Optional.of(id) : Optional.empty();
  }

  @Override
  public TimelineEvent appendTimeline(String runId, TimelineEvent event) {
    Args.nonBlank(runId, "run_id");
    return timelines
        .computeIfAbsent(runId, k -> new TimelineLog(timelineLimit))
        .append(event, now());
  }

  @Override
  public Page<TimelineEvent> timeline(String runId, TimelineQuery query) {
    TimelineLog log = timelines.get(runId);
    return log == null ? new Page<>(List.of(), null) : log.page(query);
  }
}
