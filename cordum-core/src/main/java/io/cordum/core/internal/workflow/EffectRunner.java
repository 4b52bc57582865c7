package io.cordum.core.internal.workflow;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.workflow.EngineConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the effects of a stored change. Each is safe to repeat: a submit reuses the attempt's
 * job id, a check resubmits only a job that does not exist, a child run has a fixed id. A failure
 * is logged and left to the step's check timer.
 */
final class EffectRunner {
  private static final Logger log = LoggerFactory.getLogger(EffectRunner.class);

  private final DefaultWorkflowEngine engine;
  private final RunMutator runs;
  private final WorkflowStore store;
  private final JobClient jobs;
  private final ScheduledExecutorService executor;
  private final EngineConfig config;

  EffectRunner(
      DefaultWorkflowEngine engine,
      RunMutator runs,
      WorkflowStore store,
      JobClient jobs,
      ScheduledExecutorService executor,
      EngineConfig config) {
    this.engine = engine;
    this.runs = runs;
    this.store = store;
    this.jobs = jobs;
    this.executor = executor;
    this.config = config;
  }

  void run(WorkflowRun saved, List<Effect> effects) {
    for (Effect e : effects) {
      try {
        apply(saved, e);
      } catch (RuntimeException ex) {
        log.warn(
            "workflow run {}: {} failed, the step's timer will retry: {}",
            saved.id(),
            e,
            ex.toString());
      }
    }
  }

  private void apply(WorkflowRun saved, Effect e) {
    if (e instanceof Effect.SubmitJob s) {
      submit(saved, s.stepKey(), s.jobId());
    } else if (e instanceof Effect.CheckJob c) {
      check(c);
    } else if (e instanceof Effect.CancelJob c) {
      try {
        jobs.cancel(c.jobId(), c.reason());
      } catch (NotFoundException ex) {
        log.debug("cancel of job {}: not found", c.jobId());
      }
    } else if (e instanceof Effect.StartChild c) {
      StepDefinition d = runs.definitionOf(saved).steps().get(c.stepKey());
      if (d != null) {
        engine.startChild(saved, d, c.childRunId());
      }
    } else if (e instanceof Effect.CheckChild c) {
      Optional<WorkflowRun> child = store.getRun(c.childRunId());
      if (child.isEmpty()) {
        apply(saved, new Effect.StartChild(c.runId(), c.stepKey(), c.childRunId()));
      } else if (child.get().isTerminal()) {
        runs.childEnded(c.runId(), c.stepKey(), child.get());
      }
    } else if (e instanceof Effect.CancelChild c) {
      try {
        engine.cancel(c.childRunId(), "parent run stopped");
      } catch (NotFoundException | InvalidRunTransitionException ex) {
        log.debug("cancel of child run {}: {}", c.childRunId(), ex.getMessage());
      }
    } else if (e instanceof Effect.NotifyParent n) {
      store
          .getRun(n.childRunId())
          .ifPresent(child -> runs.childEnded(n.parentRunId(), n.parentStepId(), child));
    }
  }

  private void submit(WorkflowRun run, String stepKey, String jobId) {
    StepRun step = run.steps().get(stepKey);
    if (step == null || step.status() != StepStatus.RUNNING || !jobId.equals(step.jobId())) {
      return;
    }
    StepDefinition d =
        runs.definitionOf(run)
            .steps()
            .get(step.index() >= 0 ? stepKey.substring(0, stepKey.indexOf('[')) : stepKey);
    if (d == null) {
      return;
    }
    try {
      jobs.submit(Submissions.of(run, d, step));
    } catch (ValidationException e) {
      runs.dispatchRefused(run.id(), stepKey, jobId, e.getMessage());
      return;
    } catch (io.cordum.api.ConflictException e) {
      // The attempt's job exists already with another request (the run context changed since
      // it was first submitted): it is the attempt's job; follow it rather than rewrite it.
      log.warn("workflow run {}: job {} already exists: {}", run.id(), jobId, e.getMessage());
    }
    watch(jobId);
  }

  /** Applies the job's terminal state as soon as this replica sees it. */
  void watch(String jobId) {
    try {
      // An error (the wait was dropped) needs nothing: the job check is the durable fallback.
      var unused =
          jobs.awaitTerminal(jobId)
              .whenCompleteAsync(
                  (rec, err) -> {
                    if (rec != null) {
                      runs.onJobTerminal(rec);
                    }
                  },
                  executor);
    } catch (RejectedExecutionException e) {
      log.debug("not watching job {}: executor stopped", jobId);
    }
  }

  /** The durable fallback: a missing job is submitted again, a finished one applied. */
  private void check(Effect.CheckJob c) {
    Optional<JobRecord> rec = jobs.get(c.jobId());
    if (rec.isEmpty()) {
      store.getRun(c.runId()).ifPresent(r -> submit(r, c.stepKey(), c.jobId()));
    } else if (rec.get().isTerminal()) {
      runs.onJobTerminal(rec.get());
    } else {
      watch(c.jobId());
    }
  }

  /**
   * What a finished job produced, for its step.
   *
   * @param value the result decoded as JSON (or kept as text), or its pointer when the result could
   *     not be inlined, or {@code null} when there is none
   * @param problem why the result could not be read or inlined, or {@code null}
   */
  record JobOutput(@Nullable Object value, @Nullable String problem) {}

  /**
   * The output of a finished job: its result decoded as JSON (or kept as text), or its pointer when
   * the result is larger than the inline limit or cannot be read.
   */
  JobOutput readOutput(JobRecord rec) {
    if (rec.state() != JobState.SUCCEEDED || rec.resultPtr().isEmpty()) {
      return new JobOutput(null, rec.state() == JobState.SUCCEEDED ? "no result pointer" : null);
    }
    Optional<byte[]> bytes;
    try {
      bytes = jobs.result(rec.id());
    } catch (RuntimeException e) {
      return new JobOutput(rec.resultPtr(), "result unreadable: " + e.getMessage());
    }
    if (bytes.isEmpty()) {
      return new JobOutput(rec.resultPtr(), "result not found at " + rec.resultPtr());
    }
    if (bytes.get().length > config.inlineOutputLimit()) {
      return new JobOutput(rec.resultPtr(), "result larger than the inline limit");
    }
    try {
      return new JobOutput(Nodes.toJava(Submissions.JSON.readTree(bytes.get())), null);
    } catch (RuntimeException e) {
      return new JobOutput(new String(bytes.get(), StandardCharsets.UTF_8), null);
    }
  }
}
