package io.cordum.core.internal.workflow;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobRecord;
import io.cordum.api.trace.TraceSpan;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowErrorCodes;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.internal.Tracing;
import io.cordum.core.workflow.EngineConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The read-decide-write cycle of every change to a run: the run is read with its version, the
 * change and a scheduling pass run on a working copy, the result is written with a compare-and-set
 * on that version (read and decide again on a conflict), and the stored change's effects run after
 * the write. Also the changes that effects and job results make to a run (a job's terminal state, a
 * refused submit, a finished child run), so that the {@link EffectRunner} changes runs through this
 * class rather than through the engine.
 */
final class RunMutator {
  private static final Logger log = LoggerFactory.getLogger(RunMutator.class);

  private final WorkflowStore store;
  private final InstantSource clock;
  private final EngineConfig config;
  private final JobSteps jobSteps;
  private final Pass pass;
  private final RunWaiters waiters;
  private final Tracing tracing;
  private final BooleanSupplier closed;
  private final EffectRunner effects;
  private final Map<String, WorkflowDefinition> definitions = new ConcurrentHashMap<>();
  private final ResultBatches results = new ResultBatches(this::applyResults);

  /** The runs in flight as this engine last stored them (see {@link #mutateOnce}). */
  private final ConcurrentHashMap<String, WorkflowRun> latest = new ConcurrentHashMap<>();

  private static final int MAX_REMEMBERED = 10_000;

  RunMutator(
      DefaultWorkflowEngine engine,
      WorkflowStore store,
      JobClient jobs,
      InstantSource clock,
      ScheduledExecutorService executor,
      EngineConfig config,
      JobSteps jobSteps,
      Pass pass,
      RunWaiters waiters,
      Tracing tracing,
      BooleanSupplier closed) {
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.jobSteps = jobSteps;
    this.pass = pass;
    this.waiters = waiters;
    this.tracing = tracing;
    this.closed = closed;
    this.effects = new EffectRunner(engine, this, store, jobs, executor, config);
  }

  EffectRunner effects() {
    return effects;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  WorkflowDefinition definitionOf(WorkflowRun run) {
    String key = run.workflowId() + "@" + run.workflowVersion();
    WorkflowDefinition d = definitions.get(key);
    if (d == null) {
      d =
          store
              .getDefinition(run.workflowId(), run.workflowVersion())
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "workflow "
                              + run.workflowId()
                              + " version "
                              + run.workflowVersion()
                              + " of run "
                              + run.id()));
      definitions.put(key, d);
    }
    return d;
  }

  /** The read-decide-write cycle of every change, retried when another writer got there first. */
  WorkflowRun mutate(String runId, Consumer<RunState> change, boolean schedule) {
    String outerRun = MDC.get("run_id");
    MDC.put("run_id", runId);
    try {
      return mutateOnce(runId, change, schedule);
    } finally {
      if (outerRun == null) {
        MDC.remove("run_id");
      } else {
        MDC.put("run_id", outerRun);
      }
    }
  }

  private WorkflowRun mutateOnce(String runId, Consumer<RunState> change, boolean schedule) {
    // The first decision starts from the run as this engine last stored it, if it has it: the
    // compare-and-set proves it current. A decision to write nothing (or a refusal) proves
    // nothing, so it is taken again on a fresh read when it was made on the remembered copy.
    @Nullable WorkflowRun next = latest.get(runId);
    boolean fromMemory = next != null;
    for (int i = 0; i < config.maxConflicts(); i++) {
      WorkflowRun run =
          next != null
              ? next
              : store
                  .getRun(runId)
                  .orElseThrow(() -> new NotFoundException("workflow run " + runId));
      next = null;
      RunState s = new RunState(run, definitionOf(run), now());
      try {
        change.accept(s);
        if (schedule) {
          pass.run(s);
        }
      } catch (RuntimeException e) {
        if (!fromMemory) {
          throw e;
        }
        // Refused on the remembered copy (an approval not waiting yet, say): ask the stored run.
        forget(run);
        fromMemory = false;
        i--;
        continue;
      }
      if (!s.changed() && Objects.equals(s.wakeAt(), run.wakeAt())) {
        if (fromMemory) {
          fromMemory = false;
          WorkflowRun stored =
              store.getRun(runId).orElseThrow(() -> new NotFoundException("workflow run " + runId));
          if (stored.version() != run.version()) {
            forget(run);
            next = stored;
            i--; // not a conflict: the same decision, taken on the stored run
            continue;
          }
        }
        return run;
      }
      WorkflowRun saved;
      try {
        saved = store.updateRun(s.build(), run.version(), s.events);
      } catch (ConflictException e) {
        log.debug("workflow run {} changed concurrently, deciding again", runId);
        forget(run);
        fromMemory = false;
        continue;
      }
      remember(saved);
      List<Effect> todo = new ArrayList<>(s.effects);
      if (saved.isTerminal() && !run.isTerminal() && !saved.parentRunId().isEmpty()) {
        todo.add(new Effect.NotifyParent(saved.parentRunId(), saved.parentStepId(), saved.id()));
      }
      if (tracing.on()) {
        traceSteps(run, saved);
      }
      effects.run(saved, todo);
      if (saved.isTerminal()) {
        waiters.ended(saved);
      }
      return saved;
    }
    throw new ConflictException(
        "workflow run "
            + runId
            + " kept changing under "
            + config.maxConflicts()
            + " attempts; try again");
  }

  /**
   * Keeps the run as this engine stored it, for the next change's first decision; a run that ended
   * is dropped (nothing changes it any more but a late no-op), and the newest version wins when two
   * changes of one run finish together.
   */
  void remember(WorkflowRun saved) {
    if (saved.isTerminal()) {
      latest.remove(saved.id());
      return;
    }
    if (latest.size() >= MAX_REMEMBERED && !latest.containsKey(saved.id())) {
      latest.clear(); // runs another replica took over are never ended here: start over
    }
    latest.merge(saved.id(), saved, (old, neu) -> neu.version() >= old.version() ? neu : old);
  }

  private void forget(WorkflowRun stale) {
    latest.remove(stale.id(), stale);
  }

  /** Runs a scheduling pass on a run (what a due timer does). */
  WorkflowRun advance(String runId) {
    return mutate(runId, s -> {}, true);
  }

  void childFailed(String runId, String stepId, String childRunId, String message) {
    mutate(
        runId,
        s -> {
          StepRun cur = s.step(stepId);
          if (cur.status() == StepStatus.RUNNING && childRunId.equals(cur.childRunId())) {
            Steps.fail(
                s,
                cur,
                StepStatus.FAILED,
                WorkflowErrorCodes.CHILD_FAILED,
                message,
                TimelineEvent.STEP_COMPLETED);
          }
        },
        true);
  }

  /** Applies a finished child run to its parent's subworkflow step. */
  void childEnded(String parentRunId, String stepId, WorkflowRun child) {
    mutate(
        parentRunId,
        s -> {
          StepRun cur = s.step(stepId);
          StepDefinition d = s.def.steps().get(stepId);
          if (d == null
              || cur.status() != StepStatus.RUNNING
              || !child.id().equals(cur.childRunId())) {
            return;
          }
          switch (child.status()) {
            case SUCCEEDED -> {
              Steps.succeed(s, cur, child.output(), TimelineEvent.STEP_COMPLETED, "", Map.of());
              s.recordOutput(stepId, child.output(), "", d.outputPath());
            }
            case TIMED_OUT ->
                Steps.fail(
                    s,
                    cur,
                    StepStatus.TIMED_OUT,
                    WorkflowErrorCodes.CHILD_TIMED_OUT,
                    "child run " + child.id() + " timed out",
                    TimelineEvent.STEP_TIMED_OUT);
            default ->
                Steps.fail(
                    s,
                    cur,
                    StepStatus.FAILED,
                    WorkflowErrorCodes.CHILD_PREFIX + child.status().wireName(),
                    "child run "
                        + child.id()
                        + " "
                        + child.status().wireName()
                        + (child.error() == null ? "" : ": " + child.error().message()),
                    TimelineEvent.STEP_COMPLETED);
          }
        },
        true);
  }

  /**
   * Applies a job's terminal state to the step attempt it belongs to. Results of one run that
   * arrive while another result of that run is being applied are queued and applied together in the
   * next change, in arrival order (see {@link ResultBatches}).
   */
  void onJobTerminal(JobRecord rec) {
    if (closed.getAsBoolean() || !rec.isTerminal()) {
      return;
    }
    Optional<JobIds.Parsed> id = JobIds.parse(rec.id());
    if (id.isEmpty()) {
      return;
    }
    EffectRunner.JobOutput out = effects.readOutput(rec);
    results.offer(
        id.get().runId(),
        new ResultBatches.Result(id.get().stepKey(), rec, out.value(), out.problem()));
  }

  /** Applies a batch of job results of one run in one change. */
  private void applyResults(String runId, List<ResultBatches.Result> batch) {
    if (closed.getAsBoolean()) {
      return;
    }
    try {
      mutate(
          runId,
          s -> {
            for (ResultBatches.Result r : batch) {
              jobSteps.applyResult(s, r.stepKey(), r.job(), r.output(), r.problem());
            }
          },
          true);
    } catch (NotFoundException e) {
      log.debug("results of {} jobs for an unknown run: {}", batch.size(), e.getMessage());
    }
  }

  /** A submit that was refused: the step (if still on that attempt) fails. */
  void dispatchRefused(String runId, String stepKey, String jobId, String message) {
    mutate(
        runId,
        s -> {
          StepRun cur = s.step(stepKey);
          if (cur.status() == StepStatus.RUNNING && jobId.equals(cur.jobId())) {
            JobSteps.dispatchFailed(s, cur, WorkflowErrorCodes.SUBMIT_REFUSED, message);
          }
        },
        true);
  }

  /** A span for each step that this change ended, in the run's trace (its jobs' too). */
  private void traceSteps(WorkflowRun before, WorkflowRun after) {
    after
        .steps()
        .forEach(
            (key, step) -> {
              StepRun was = before.steps().get(key);
              if (!step.status().isTerminal() || (was != null && was.status().isTerminal())) {
                return;
              }
              Instant end = step.completedAt() != null ? step.completedAt() : now();
              Instant start = step.startedAt() != null ? step.startedAt() : end;
              tracing.record(
                  TraceSpan.Kind.WORKFLOW_STEP,
                  after.id(),
                  step.jobId(),
                  after.id(),
                  key,
                  start,
                  end,
                  step.status() != StepStatus.SUCCEEDED,
                  Map.of(
                      "workflow_id",
                      after.workflowId(),
                      "status",
                      step.status().name(),
                      "attempts",
                      Integer.toString(step.attempts()),
                      "skipped",
                      Boolean.toString(step.skipped())));
            });
  }
}
