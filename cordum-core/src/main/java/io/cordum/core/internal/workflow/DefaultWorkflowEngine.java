package io.cordum.core.internal.workflow;

import io.cordum.api.ClosedException;
import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.bus.Bus;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobRecord;
import io.cordum.api.trace.JobTracer;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.RunCreation;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowEngine;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowErrorCodes;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.internal.schema.DefaultSchemaRegistry;
import io.cordum.core.workflow.EngineConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow engine: saves definitions, starts runs and moves them forward. Reachable as {@code
 * cordum.workflows()}.
 *
 * <p>Every change to a run (a start, a job result, an approval, a timer, a cancel) is one
 * read-decide-write cycle: the run is read with its version, the change and a scheduling pass run
 * on a working copy, and the result is written with a compare-and-set on that version. A writer
 * that lost the race reads again and decides again, so no result is ever dropped and no
 * process-wide lock exists; side effects (job submits and cancels, child runs) happen only after
 * the write, and each is safe to repeat. Any replica can take any change: timers live in the store
 * ({@link WorkflowStore#dueTimers}) and jobs are watched through their terminal state in the job
 * store.
 */
public final class DefaultWorkflowEngine implements WorkflowEngine, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DefaultWorkflowEngine.class);
  private static final Pattern RUN_ID = Pattern.compile("[^\\s\\p{Cntrl}]+");

  private final WorkflowStore store;
  private final EffectiveConfigProvider limits;
  private final io.cordum.core.internal.OutageLog tickOutage;
  private final ScheduledExecutorService executor;
  private final EngineConfig config;
  private final JobSteps jobSteps;
  private final Pass pass;
  private final EffectRunner effects;
  private final RunMutator mutator;
  private final StepSchemas schemas;
  private final RunWaiters waiters;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private @Nullable ScheduledFuture<?> timer;
  private volatile boolean closed;
  private final io.cordum.core.internal.Tracing tracing = new io.cordum.core.internal.Tracing();

  /**
   * Creates the engine; call {@link #start()} to run its timer loop.
   *
   * @param schemas the schema registry that resolves {@code input_schema_id} and {@code
   *     output_schema_id}
   */
  public DefaultWorkflowEngine(
      WorkflowStore store,
      JobClient jobs,
      Bus bus,
      InstantSource clock,
      ScheduledExecutorService executor,
      EngineConfig config,
      DefaultSchemaRegistry schemas) {
    this(store, jobs, bus, clock, executor, config, schemas, (org, team, wf, step) -> Map.of());
  }

  /**
   * Creates the engine; call {@link #start()} to run its timer loop.
   *
   * @param schemas the schema registry that resolves {@code input_schema_id} and {@code
   *     output_schema_id}
   * @param limits where each start reads its tenant's run limit: the effective config's {@code
   *     limits.max_concurrent_runs}, else {@code rate_limits.concurrent_workflows}
   */
  public DefaultWorkflowEngine(
      WorkflowStore store,
      JobClient jobs,
      Bus bus,
      InstantSource clock,
      ScheduledExecutorService executor,
      EngineConfig config,
      DefaultSchemaRegistry schemas,
      EffectiveConfigProvider limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.store = Objects.requireNonNull(store, "store");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(clock, "clock");
    this.tickOutage =
        new io.cordum.core.internal.OutageLog(
            log, "the workflow timer loop", clock, java.time.Duration.ofMinutes(1));
    this.executor = Objects.requireNonNull(executor, "executor");
    this.config = Objects.requireNonNull(config, "config");
    this.schemas = new StepSchemas(Objects.requireNonNull(schemas, "schemas"));
    this.jobSteps =
        new JobSteps(config, () -> ThreadLocalRandom.current().nextDouble(), this.schemas);
    this.pass = new Pass(jobSteps, new BuiltIns(bus, config, this.schemas));
    this.waiters = new RunWaiters(store);
    this.mutator =
        new RunMutator(
            this,
            store,
            jobs,
            clock,
            executor,
            config,
            jobSteps,
            pass,
            waiters,
            tracing,
            () -> closed);
    this.effects = mutator.effects();
  }

  /**
   * Starts the timer loop on the executor and, in the background, watches the jobs of runs in
   * flight (so a restarted replica sees their results at once rather than at their next job check).
   * Returns this engine.
   */
  public DefaultWorkflowEngine start() {
    lifecycle.lock();
    try {
      if (timer == null && !closed) {
        long ms = config.tickInterval().toMillis();
        timer = executor.scheduleWithFixedDelay(this::tickQuietly, ms, ms, TimeUnit.MILLISECONDS);
        executor.execute(
            () -> {
              try {
                recover();
              } catch (RuntimeException e) {
                log.warn("watching the jobs of runs in flight failed: {}", e.toString());
              }
            });
      }
      return this;
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops the timer loop. Runs stay in the store; any engine on the same store continues them. */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      closed = true;
      if (timer != null) {
        timer.cancel(false);
      }
      waiters.closeAll();
    } finally {
      lifecycle.unlock();
    }
  }

  boolean closed() {
    return closed;
  }

  /** Refuses new work once closed: nothing would run it (the timer loop is stopped). */
  private void checkOpen() {
    if (closed) {
      throw new ClosedException(
          "the workflow engine is closed; start a Cordum to run" + " workflows");
    }
  }

  Instant now() {
    return mutator.now();
  }

  // ---- definitions ----

  /**
   * Validates and saves a new version of a definition.
   *
   * <p>Inline schemas must be valid JSON schemas, and every {@code input_schema_id} and {@code
   * output_schema_id} must name a schema already in the schema registry (register schemas before
   * the workflows that use them). A schema deleted from the registry after the save fails the steps
   * that use it at run time, with the code {@code schema_unknown}.
   *
   * @throws ValidationException listing every problem of the definition
   */
  @Override
  public WorkflowDefinition save(WorkflowDefinition definition) {
    return save(definition, -1);
  }

  /**
   * Validates and saves a definition if its latest version is {@code expectedVersion} (0: it must
   * be new; -1: any).
   *
   * @throws ValidationException listing every problem of the definition
   * @throws ConflictException if the expectation failed
   */
  @Override
  public WorkflowDefinition save(WorkflowDefinition definition, long expectedVersion) {
    WorkflowValidator.check(definition, schemas::registered);
    return store.saveDefinition(definition, expectedVersion);
  }

  /** The latest version of a definition. */
  @Override
  public Optional<WorkflowDefinition> definition(String workflowId) {
    return store.getDefinition(workflowId);
  }

  /** Latest definitions, most recently saved first; blank tenant for all. */
  @Override
  public List<WorkflowDefinition> definitions(String tenant, int limit) {
    return store.listDefinitions(tenant, limit);
  }

  /** Deletes a workflow; runs in flight finish on their pinned version. */
  @Override
  public boolean deleteDefinition(String workflowId) {
    return store.deleteDefinition(workflowId);
  }

  WorkflowDefinition definitionOf(WorkflowRun run) {
    return mutator.definitionOf(run);
  }

  // ---- runs ----

  /**
   * Starts a run of the latest version of a workflow and schedules it at once.
   *
   * @return the run after its first pass, or the run already started with the same idempotency key
   * @throws NotFoundException if the workflow does not exist
   * @throws io.cordum.api.LimitExceededException if the tenant already has as many active runs as
   *     its effective config allows ({@code limits.max_concurrent_runs}, else {@code
   *     rate_limits.concurrent_workflows}); nothing is created
   * @throws ValidationException if the input does not satisfy the workflow's input schema (each
   *     violation names the field), or the tenant or run id is not allowed
   */
  @Override
  public WorkflowRun start(String workflowId, StartOptions options) {
    checkOpen();
    WorkflowDefinition def =
        store
            .getDefinition(workflowId)
            .orElseThrow(() -> new NotFoundException("workflow " + workflowId));
    String tenant = options.tenant().isBlank() ? def.tenant() : options.tenant().trim();
    if (!def.tenant().isEmpty() && !tenant.equals(def.tenant())) {
      throw new ValidationException(
          "org_id", "must be the workflow's tenant \"" + def.tenant() + "\"");
    }
    checkInput(def, options.input());
    String key = options.idempotencyKey().trim();
    if (!key.isEmpty()) {
      Optional<WorkflowRun> existing =
          store.findRunByIdempotencyKey(tenant, key).flatMap(store::getRun);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    String runId =
        options.runId().isBlank() ? UUID.randomUUID().toString() : options.runId().trim();
    if (!RUN_ID.matcher(runId).matches()) {
      throw new ValidationException(
          "run_id", "must not contain whitespace or control" + " characters");
    }
    Map<String, String> labels = new LinkedHashMap<>(options.labels());
    Map<String, String> metadata = new LinkedHashMap<>();
    if (options.dryRun()) {
      labels.put("dry_run", "true");
      metadata.put("dry_run", "true");
    }
    WorkflowRun run =
        WorkflowRun.builder(runId)
            .workflowId(def.id())
            .workflowVersion(def.version())
            .tenant(tenant)
            .team(options.team())
            .input(options.input())
            .triggeredBy(options.triggeredBy())
            .labels(labels)
            .metadata(metadata)
            .idempotencyKey(key)
            .dryRun(options.dryRun())
            .build();
    return create(run, Map.of(), maxActiveRuns(run));
  }

  /**
   * The tenant's limit of active runs from the effective config of the run's tenant, team and
   * workflow: {@code limits.max_concurrent_runs}, else {@code rate_limits.concurrent_workflows}; 0
   * for none.
   */
  @Override
  public int maxActiveRuns(String tenant, String team, String workflowId) {
    Map<String, Object> cfg = limits.effective(tenant, team, workflowId, "");
    int v = positiveInt(section(cfg, "limits").get("max_concurrent_runs"));
    return v > 0 ? v : positiveInt(section(cfg, "rate_limits").get("concurrent_workflows"));
  }

  private int maxActiveRuns(WorkflowRun run) {
    return maxActiveRuns(run.tenant(), run.team(), run.workflowId());
  }

  private static Map<?, ?> section(Map<String, Object> cfg, String name) {
    return cfg.get(name) instanceof Map<?, ?> m ? m : Map.of();
  }

  private static int positiveInt(@Nullable Object v) {
    if (v instanceof Number n) {
      return (int) Math.max(0, Math.min(Integer.MAX_VALUE, n.longValue()));
    }
    if (v instanceof String str) {
      try {
        return Math.max(0, Integer.parseInt(str.trim()));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private WorkflowRun create(WorkflowRun run, Map<String, Object> data) {
    return create(run, data, 0);
  }

  private WorkflowRun create(WorkflowRun run, Map<String, Object> data, int maxActiveRuns) {
    RunCreation c = store.createRun(run, maxActiveRuns);
    if (!c.created()) {
      return c.run();
    }
    mutator.remember(c.run());
    TimelineEvent created =
        TimelineEvent.of(TimelineEvent.RUN_CREATED, run.id())
            .withStatus(RunStatus.PENDING.wireName())
            .withData(data)
            .at(now(), run.workflowId());
    // The creation event goes into the first pass's write (one store call rather than two); if
    // that write fails, it is appended on its own, as the run exists.
    try {
      return mutate(run.id(), s -> s.event(created), true);
    } catch (RuntimeException e) {
      appendQuietly(run.id(), created);
      throw e;
    }
  }

  private void checkInput(WorkflowDefinition def, Map<String, Object> input) {
    List<Violation> v = schemas.checkInput(def.inputSchema(), input);
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  /** A run. */
  @Override
  public Optional<WorkflowRun> run(String runId) {
    return store.getRun(runId);
  }

  /**
   * A future completed with the run once it has ended (succeeded, failed, cancelled or timed out);
   * at once if it already has. A run ended by this engine completes it as the end is stored; one
   * ended by another replica is seen at this engine's next timer tick ({@link
   * EngineConfig#tickInterval()}). Completes exceptionally with {@link NotFoundException} if the
   * run does not exist or is deleted, and with a {@link io.cordum.api.CordumException} if this
   * engine is closed first.
   */
  @Override
  public CompletableFuture<WorkflowRun> awaitTerminal(String runId) {
    return waiters.await(runId);
  }

  /** A page of runs, newest first. */
  @Override
  public Page<WorkflowRun> runs(RunQuery query) {
    return store.listRuns(query);
  }

  /** A page of a run's timeline, from either end. */
  @Override
  public Page<TimelineEvent> timeline(String runId, TimelineQuery query) {
    return store.timeline(runId, query);
  }

  /** Deletes a run, its timeline and its idempotency key. */
  @Override
  public boolean deleteRun(String runId) {
    return store.deleteRun(runId);
  }

  /**
   * Approves a waiting approval step; its dependents start at once.
   *
   * @throws NotFoundException if the run or the approval step does not exist
   * @throws ConflictException if the step is not waiting for a decision
   */
  @Override
  public WorkflowRun approve(String runId, String stepId, String by, String reason) {
    return decide(runId, stepId, "", true, by, reason);
  }

  /** Rejects a waiting approval step, which fails it (and the run, unless on_error continue). */
  @Override
  public WorkflowRun reject(String runId, String stepId, String by, String reason) {
    return decide(runId, stepId, "", false, by, reason);
  }

  /**
   * Decides an approval.
   *
   * @param approvalId when not blank, the decision applies only to this approval request (so a
   *     decision meant for an earlier run state can not approve a later one)
   */
  @Override
  public WorkflowRun decide(
      String runId, String stepId, String approvalId, boolean approved, String by, String reason) {
    checkOpen();
    return mutate(
        runId,
        s -> {
          StepDefinition d = s.def.steps().get(stepId);
          if (d == null || d.type() != StepType.APPROVAL) {
            throw new NotFoundException("approval step " + stepId + " in run " + runId);
          }
          StepRun cur = s.step(stepId);
          if (cur.status() != StepStatus.WAITING) {
            throw new ConflictException(
                "step "
                    + stepId
                    + " is "
                    + cur.status().wireName()
                    + ", not waiting for a decision");
          }
          if (!approvalId.isBlank() && !approvalId.equals(cur.approvalId())) {
            throw new ConflictException(
                "approval " + approvalId + " is not the open request of" + " step " + stepId);
          }
          StepRun decided = cur.toBuilder().decidedBy(by).decisionReason(reason).build();
          Map<String, Object> data =
              Map.of("by", by, "reason", reason, "approval_id", cur.approvalId());
          if (approved) {
            Steps.succeed(s, decided, null, TimelineEvent.STEP_APPROVED, reason, data);
          } else {
            s.put(
                decided.toBuilder()
                    .status(StepStatus.FAILED)
                    .completedAt(s.now)
                    .deadline(null)
                    .error(
                        WorkflowError.of(
                            WorkflowErrorCodes.REJECTED,
                            "rejected by " + by + (reason.isBlank() ? "" : ": " + reason)))
                    .build());
            s.event(
                s.stepEvent(TimelineEvent.STEP_REJECTED, stepId, StepStatus.FAILED)
                    .withMessage(reason)
                    .withData(data));
          }
        },
        true);
  }

  /**
   * Cancels a run: its in-flight jobs and child runs are cancelled, every unfinished step becomes
   * cancelled.
   *
   * @throws NotFoundException if the run does not exist
   * @throws InvalidRunTransitionException if the run already ended (a finished run's outcome is
   *     final)
   */
  @Override
  public WorkflowRun cancel(String runId, String reason) {
    checkOpen();
    String why = reason.isBlank() ? "workflow run cancelled" : reason;
    return mutate(
        runId,
        s -> {
          if (s.status().isTerminal()) {
            throw new InvalidRunTransitionException(
                "workflow run " + runId, s.status().wireName(), RunStatus.CANCELLED.wireName());
          }
          for (String id : s.def.steps().keySet()) {
            Steps.cancel(s, id, why);
          }
          s.error(WorkflowError.of(WorkflowErrorCodes.CANCELLED, why));
          s.status(RunStatus.CANCELLED, "run cancelled");
        },
        false);
  }

  /**
   * Reruns a run from a step: a new run (pinned to the same workflow version) keeps the succeeded
   * steps that are neither {@code fromStep} nor depend on it, and runs the rest. A blank step
   * reruns everything. The input is checked again.
   *
   * @throws NotFoundException if the run does not exist
   * @throws ValidationException if the step is unknown or the input no longer fits
   * @throws io.cordum.api.LimitExceededException if the tenant is at its run limit (see {@link
   *     #start})
   */
  @Override
  public WorkflowRun rerun(String runId, String fromStep, boolean dryRun) {
    checkOpen();
    WorkflowRun src =
        store.getRun(runId).orElseThrow(() -> new NotFoundException("workflow run " + runId));
    WorkflowDefinition def = definitionOf(src);
    WorkflowRun run = Reruns.plan(src, def, fromStep, dryRun, UUID.randomUUID().toString(), now());
    checkInput(def, run.input());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("rerun_of", src.id());
    data.put("rerun_step", fromStep);
    return create(run, data, maxActiveRuns(run));
  }

  /** Starts a child run for a subworkflow step (idempotent: the child id is fixed). */
  void startChild(WorkflowRun parent, StepDefinition d, String childRunId) {
    if (store.getRun(childRunId).isPresent()) {
      advance(childRunId);
      return;
    }
    Optional<WorkflowDefinition> def = store.getDefinition(d.workflowId());
    if (def.isEmpty()) {
      mutator.childFailed(
          parent.id(), d.id(), childRunId, "workflow " + d.workflowId() + " not found");
      return;
    }
    Object input =
        d.input().isEmpty()
            ? parent.input()
            : Expressions.render(
                d.input(), new RunState(parent, definitionOf(parent), now()).scope());
    @SuppressWarnings("unchecked")
    Map<String, Object> in = input instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    WorkflowRun child =
        WorkflowRun.builder(childRunId)
            .workflowId(d.workflowId())
            .workflowVersion(def.get().version())
            .tenant(parent.tenant())
            .team(parent.team())
            .input(in)
            .triggeredBy(parent.triggeredBy())
            .dryRun(parent.dryRun())
            .labels(parent.dryRun() ? Map.of("dry_run", "true") : Map.of())
            .metadata(parent.dryRun() ? Map.of("dry_run", "true") : Map.of())
            .parentRunId(parent.id())
            .parentStepId(d.id())
            .build();
    create(child, Map.of("parent_run_id", parent.id(), "parent_step_id", d.id()));
  }

  /** Applies a job's terminal state to the step attempt it belongs to. */
  void onJobTerminal(JobRecord rec) {
    mutator.onJobTerminal(rec);
  }

  /** Watches the in-flight jobs of every running or waiting run. */
  void recover() {
    for (RunStatus st : List.of(RunStatus.RUNNING, RunStatus.WAITING)) {
      RunQuery q = RunQuery.inStatus(st, config.batchSize());
      Page<WorkflowRun> page;
      do {
        page = store.listRuns(q);
        for (WorkflowRun r : page.items()) {
          r.steps().values().stream()
              .filter(x -> x.status() == StepStatus.RUNNING && !x.jobId().isEmpty())
              .forEach(x -> effects.watch(x.jobId()));
        }
        q = q.after(page.nextCursor());
      } while (page.hasMore() && !closed);
    }
  }

  /** Runs a scheduling pass on a run (what a due timer does). */
  public WorkflowRun advance(String runId) {
    return mutator.advance(runId);
  }

  /**
   * One pass of the timer loop: every run whose timer is due gets a scheduling pass. Called by the
   * loop every {@link EngineConfig#tickInterval()}; tests call it after moving the clock.
   */
  public void tick() {
    waiters.poll();
    for (WorkflowRun r : store.dueTimers(now(), config.batchSize())) {
      try {
        advance(r.id());
      } catch (RuntimeException e) {
        log.warn("timer of workflow run {} failed, will retry: {}", r.id(), e.toString());
      }
    }
  }

  private void tickQuietly() {
    try {
      tick();
      tickOutage.succeeded();
    } catch (RuntimeException e) {
      tickOutage.failed(e);
    }
  }

  /** The read-decide-write cycle of every change (see {@link RunMutator}). */
  WorkflowRun mutate(String runId, Consumer<RunState> change, boolean schedule) {
    return mutator.mutate(runId, change, schedule);
  }

  /** Where the spans of ended steps go. */
  public void tracer(JobTracer tracer) {
    tracing.set(tracer);
  }

  private void appendQuietly(String runId, TimelineEvent e) {
    try {
      store.appendTimeline(runId, TimelineRedaction.apply(e));
    } catch (RuntimeException ex) {
      log.warn("timeline append for run {} failed: {}", runId, ex.toString());
    }
  }
}
