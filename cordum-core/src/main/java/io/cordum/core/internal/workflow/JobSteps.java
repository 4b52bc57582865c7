package io.cordum.core.internal.workflow;

import io.cordum.api.CordumException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowErrorCodes;
import io.cordum.core.workflow.EngineConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Job steps: dispatching an attempt (plain or fan-out child), their timers (timeout, retry, job
 * check), fan-out start and aggregation, and applying a job's terminal state.
 */
final class JobSteps {
  private final EngineConfig config;
  private final DoubleSupplier random;
  private final StepSchemas schemas;

  JobSteps(EngineConfig config, DoubleSupplier random, StepSchemas schemas) {
    this.config = config;
    this.random = random;
    this.schemas = schemas;
  }

  /** Starts a ready job step: a fan-out or a single dispatch. */
  void start(RunState s, StepDefinition d) {
    if (d.fansOut()) {
      startFanOut(s, d);
    } else {
      dispatch(s, d, s.step(d.id()), null);
    }
  }

  /** Advances a running or retry-pending job step (not a fan-out parent). Returns progress. */
  boolean advance(RunState s, StepDefinition d, StepRun cur) {
    if (cur.status() == StepStatus.PENDING && cur.attempts() > 0) {
      if (cur.nextAttemptAt() == null || !cur.nextAttemptAt().isAfter(s.now)) {
        dispatch(s, d, cur, cur.index() >= 0 ? cur.item() : null);
        return true;
      }
      return false;
    }
    if (cur.status() != StepStatus.RUNNING) {
      return false;
    }
    if (cur.deadline() != null && !cur.deadline().isAfter(s.now)) {
      s.effect(new Effect.CancelJob(cur.jobId(), "step timeout of " + d.timeoutSec() + "s"));
      attemptFailed(
          s,
          d,
          cur,
          StepStatus.TIMED_OUT,
          WorkflowErrorCodes.STEP_TIMEOUT,
          "no result within the step timeout of " + d.timeoutSec() + "s",
          true);
      return true;
    }
    if (cur.checkAt() != null && !cur.checkAt().isAfter(s.now)) {
      s.effect(new Effect.CheckJob(s.runId(), cur.stepId(), cur.jobId()));
      s.put(cur.toBuilder().checkAt(s.now.plus(config.jobCheckInterval())).build());
    }
    return false;
  }

  /** Dispatches the next attempt of a step or child. */
  void dispatch(RunState s, StepDefinition d, StepRun cur, @Nullable Object item) {
    Map<String, Object> scope = s.scope();
    if (cur.index() >= 0 && item != null) {
      scope.put("item", item);
    }
    Object payload;
    try {
      payload = d.input().isEmpty() ? s.run.input() : Expressions.render(d.input(), scope);
    } catch (CordumException e) {
      dispatchFailed(s, cur, WorkflowErrorCodes.INPUT_TEMPLATE, e.getMessage());
      return;
    }
    if (!(payload instanceof Map<?, ?>)) {
      dispatchFailed(
          s, cur, WorkflowErrorCodes.INPUT_TEMPLATE, "the input must render to an object");
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) payload);
    if (cur.index() >= 0 && !body.containsKey("item")) {
      body.put("item", item);
    }
    StepSchemas.Failure bad =
        schemas.check(d.inputSchema(), d.inputSchemaId(), body, "input schema", "input_invalid");
    if (bad != null) {
      dispatchFailed(s, cur, bad.code(), bad.message());
      return;
    }
    int attempt = cur.attempts() + 1;
    String jobId = JobIds.of(s.runId(), cur.stepId(), attempt);
    s.put(
        cur.toBuilder()
            .status(StepStatus.RUNNING)
            .attempts(attempt)
            .jobId(jobId)
            .startedAt(cur.startedAt() == null ? s.now : cur.startedAt())
            .input(body)
            .nextAttemptAt(null)
            .error(null)
            .deadline(d.timeoutSec() > 0 ? s.now.plusSeconds(d.timeoutSec()) : null)
            .checkAt(s.now.plus(config.jobCheckInterval()))
            .build());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("attempt", attempt);
    if (cur.index() >= 0) {
      data.put("foreach_index", cur.index());
    }
    s.event(
        s.stepEvent(TimelineEvent.STEP_DISPATCHED, cur.stepId(), StepStatus.RUNNING)
            .withJob(jobId)
            .withData(data));
    s.effect(new Effect.SubmitJob(s.runId(), cur.stepId(), jobId));
  }

  /** A dispatch that could not happen (template, schema, submit refused): the step fails. */
  static void dispatchFailed(RunState s, StepRun cur, String code, String message) {
    Steps.fail(s, cur, StepStatus.FAILED, code, message, TimelineEvent.STEP_DISPATCH_FAILED);
  }

  private void startFanOut(RunState s, StepDefinition d) {
    StepRun parent = s.step(d.id());
    List<?> items;
    try {
      items = Expressions.list(d.forEach(), s.scope());
    } catch (CordumException e) {
      Steps.fail(
          s,
          parent,
          StepStatus.FAILED,
          WorkflowErrorCodes.FOR_EACH,
          e.getMessage(),
          TimelineEvent.STEP_COMPLETED);
      return;
    }
    if (items.isEmpty()) {
      Steps.succeed(
          s,
          parent.toBuilder().fanOut(0).build(),
          List.of(),
          TimelineEvent.STEP_FANOUT_COMPLETED,
          "no items",
          Map.of("children", 0));
      s.recordOutput(d.id(), List.of(), "", d.outputPath());
      return;
    }
    s.put(
        parent.toBuilder()
            .status(StepStatus.RUNNING)
            .startedAt(s.now)
            .fanOut(items.size())
            .build());
    for (int i = 0; i < items.size(); i++) {
      String key = JobIds.childKey(d.id(), i);
      s.put(StepRun.builder(key).index(i).item(items.get(i)).build());
    }
    advanceFanOut(s, d, s.step(d.id()));
  }

  /** Dispatches ready children in index order within max_parallel and aggregates. */
  boolean advanceFanOut(RunState s, StepDefinition d, StepRun parent) {
    boolean progress = false;
    int running = 0;
    for (int i = 0; i < parent.fanOut(); i++) {
      StepRun c = s.step(JobIds.childKey(d.id(), i));
      if (c.status() == StepStatus.RUNNING) {
        progress |= advance(s, d, c);
        if (s.step(c.stepId()).status() == StepStatus.RUNNING) {
          running++;
        }
      }
    }
    for (int i = 0; i < parent.fanOut() && !anyChildFailed(s, d, parent); i++) {
      StepRun c = s.step(JobIds.childKey(d.id(), i));
      if (c.status() != StepStatus.PENDING) {
        continue;
      }
      if (c.attempts() > 0 && c.nextAttemptAt() != null && c.nextAttemptAt().isAfter(s.now)) {
        continue;
      }
      if (d.maxParallel() > 0 && running >= d.maxParallel()) {
        break;
      }
      dispatch(s, d, c, c.item());
      progress = true;
      if (s.step(c.stepId()).status() == StepStatus.RUNNING) {
        running++;
      }
    }
    return aggregate(s, d) || progress;
  }

  private static boolean anyChildFailed(RunState s, StepDefinition d, StepRun parent) {
    for (int i = 0; i < parent.fanOut(); i++) {
      if (s.step(JobIds.childKey(d.id(), i)).status().isFailure()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Ends a fan-out parent when its children allow: the first failed child fails it and cancels the
   * others in flight (their results could no longer matter); all succeeded gives the list of child
   * outputs in index order.
   */
  boolean aggregate(RunState s, StepDefinition d) {
    StepRun parent = s.step(d.id());
    if (parent.status() != StepStatus.RUNNING || parent.fanOut() <= 0) {
      return false;
    }
    List<Object> outputs = new ArrayList<>();
    StepRun failed = null;
    boolean all = true;
    for (int i = 0; i < parent.fanOut(); i++) {
      StepRun c = s.step(JobIds.childKey(d.id(), i));
      if (c.status().isFailure() && failed == null) {
        failed = c;
      }
      if (c.status() != StepStatus.SUCCEEDED) {
        all = false;
      }
      outputs.add(c.output());
    }
    if (failed != null) {
      for (int i = 0; i < parent.fanOut(); i++) {
        Steps.cancel(s, JobIds.childKey(d.id(), i), "sibling " + failed.stepId() + " failed");
      }
      WorkflowError e = failed.error();
      Steps.fail(
          s,
          s.step(d.id()),
          StepStatus.FAILED,
          WorkflowErrorCodes.CHILD_FAILED,
          "child "
              + failed.stepId()
              + " "
              + failed.status().wireName()
              + (e == null ? "" : ": " + e.message()),
          TimelineEvent.STEP_FANOUT_COMPLETED);
      return true;
    }
    if (all) {
      Steps.succeed(
          s,
          parent,
          outputs,
          TimelineEvent.STEP_FANOUT_COMPLETED,
          "",
          Map.of("children", parent.fanOut()));
      s.recordOutput(d.id(), outputs, "", d.outputPath());
      return true;
    }
    return false;
  }

  /**
   * Applies a job's terminal state to the step or child whose current attempt it is. Results of
   * older attempts, duplicates and results for steps no longer running are ignored.
   *
   * @param output the decoded result (or its pointer) for a success
   * @param outputError why the output could not be read, or null
   */
  void applyResult(
      RunState s,
      String stepKey,
      JobRecord rec,
      @Nullable Object output,
      @Nullable String outputError) {
    StepRun cur = s.steps.get(stepKey);
    StepDefinition d = s.definitionOf(stepKey);
    if (cur == null
        || d == null
        || !cur.jobId().equals(rec.id())
        || cur.status() != StepStatus.RUNNING
        || !rec.isTerminal()) {
      return;
    }
    String reason = rec.reason().isEmpty() ? rec.reasonCode() : rec.reason();
    switch (rec.state()) {
      case SUCCEEDED -> succeeded(s, d, cur, rec, output, outputError);
      case FAILED ->
          attemptFailed(
              s, d, cur, StepStatus.FAILED, code(rec, WorkflowErrorCodes.JOB_FAILED), reason, true);
      case TIMEOUT ->
          attemptFailed(
              s,
              d,
              cur,
              StepStatus.TIMED_OUT,
              code(rec, WorkflowErrorCodes.JOB_TIMEOUT),
              reason,
              true);
      // A policy denial is final: retrying it can only be denied again.
      case DENIED ->
          attemptFailed(
              s, d, cur, StepStatus.FAILED, code(rec, WorkflowErrorCodes.DENIED), reason, false);
      case CANCELLED -> {
        Steps.fail(
            s,
            cur,
            StepStatus.CANCELLED,
            code(rec, WorkflowErrorCodes.CANCELLED),
            reason,
            TimelineEvent.STEP_COMPLETED);
      }
      default -> {}
    }
  }

  private static String code(JobRecord rec, String dflt) {
    return rec.reasonCode().isEmpty() ? dflt : rec.reasonCode();
  }

  private void succeeded(
      RunState s,
      StepDefinition d,
      StepRun cur,
      JobRecord rec,
      @Nullable Object output,
      @Nullable String outputError) {
    StepRun withPtr = cur.toBuilder().resultPtr(rec.resultPtr()).build();
    if (!d.outputSchema().isEmpty() || !d.outputSchemaId().isBlank()) {
      StepSchemas.Failure bad =
          outputError != null
              ? new StepSchemas.Failure(
                  WorkflowErrorCodes.OUTPUT_INVALID,
                  "output schema: the output could not be" + " read: " + outputError)
              : schemas.check(
                  d.outputSchema(),
                  d.outputSchemaId(),
                  output,
                  "output schema",
                  WorkflowErrorCodes.OUTPUT_INVALID);
      if (bad != null) {
        Steps.fail(
            s,
            withPtr,
            StepStatus.FAILED,
            bad.code(),
            bad.message(),
            TimelineEvent.STEP_OUTPUT_INVALID);
        return;
      }
    }
    Steps.succeed(s, withPtr, output, TimelineEvent.STEP_COMPLETED, "", Map.of());
    patchResultPtr(s, cur.stepId(), rec.resultPtr());
    s.recordOutput(cur.stepId(), output, rec.resultPtr(), cur.index() >= 0 ? null : d.outputPath());
  }

  private static void patchResultPtr(RunState s, String key, String ptr) {
    if (ptr.isEmpty() || s.events.isEmpty()) {
      return;
    }
    int last = s.events.size() - 1;
    TimelineEvent e = s.events.get(last);
    if (e.stepId().equals(key)) {
      s.events.set(last, e.withResultPtr(ptr));
    }
  }

  /** A failed attempt: retried after its backoff when the policy allows, else final. */
  void attemptFailed(
      RunState s,
      StepDefinition d,
      StepRun cur,
      StepStatus finalStatus,
      String code,
      String message,
      boolean retryable) {
    StepRetry retry = d.retry();
    if (retryable && retry != null && retry.allows(cur.attempts())) {
      Duration wait = retry.backoff(cur.attempts(), random.getAsDouble());
      Instant at = s.now.plus(wait);
      s.put(
          cur.toBuilder()
              .status(StepStatus.PENDING)
              .nextAttemptAt(at)
              .deadline(null)
              .checkAt(null)
              .error(WorkflowError.of(code, message))
              .build());
      s.event(
          s.stepEvent(TimelineEvent.STEP_RETRY_SCHEDULED, cur.stepId(), StepStatus.PENDING)
              .withJob(cur.jobId())
              .withMessage(message)
              .withData(
                  Map.of(
                      "attempt",
                      cur.attempts(),
                      "retry_at",
                      at.toString(),
                      "delay_ms",
                      wait.toMillis())));
      return;
    }
    Steps.fail(
        s,
        cur,
        finalStatus,
        code,
        message,
        finalStatus == StepStatus.TIMED_OUT
            ? TimelineEvent.STEP_TIMED_OUT
            : TimelineEvent.STEP_COMPLETED);
  }
}
