package io.cordum.core.internal.workflow;

import io.cordum.api.workflow.OnError;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowErrorCodes;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Step state changes shared by the built-ins and job steps; each records its timeline event. */
final class Steps {
  private Steps() {}

  static void succeed(
      RunState s,
      StepRun cur,
      @Nullable Object output,
      @Nullable String type,
      String message,
      Map<String, ?> data) {
    s.put(
        cur.toBuilder()
            .status(StepStatus.SUCCEEDED)
            .output(output)
            .error(null)
            .startedAt(cur.startedAt() == null ? s.now : cur.startedAt())
            .completedAt(s.now)
            .nextAttemptAt(null)
            .deadline(null)
            .checkAt(null)
            .build());
    if (type != null) {
      s.event(
          s.stepEvent(type, cur.stepId(), StepStatus.SUCCEEDED)
              .withMessage(message)
              .withData(data)
              .withJob(cur.jobId()));
    }
  }

  static void fail(
      RunState s, StepRun cur, StepStatus status, String code, String message, String type) {
    s.put(
        cur.toBuilder()
            .status(status)
            .error(WorkflowError.of(code, message))
            .startedAt(cur.startedAt() == null ? s.now : cur.startedAt())
            .completedAt(s.now)
            .nextAttemptAt(null)
            .deadline(null)
            .checkAt(null)
            .build());
    s.event(s.stepEvent(type, cur.stepId(), status).withMessage(message).withJob(cur.jobId()));
  }

  /** Whether a dependency lets its dependents run: succeeded, or failed with on_error continue. */
  static boolean satisfied(RunState s, String depId) {
    StepRun dep = s.steps.get(depId);
    if (dep == null) {
      return false;
    }
    if (dep.status() == StepStatus.SUCCEEDED) {
      return true;
    }
    StepDefinition d = s.def.steps().get(depId);
    return dep.status().isFailure() && d != null && d.onError() == OnError.CONTINUE;
  }

  /** Whether a dependency can never be satisfied. */
  static boolean blocked(RunState s, String depId) {
    StepRun dep = s.steps.get(depId);
    return dep != null && dep.isTerminal() && !satisfied(s, depId);
  }

  /** Cancels a non-terminal step (and its job, child run or fan-out children). */
  static void cancel(RunState s, String key, String reason) {
    StepRun cur = s.step(key);
    if (cur.isTerminal()) {
      return;
    }
    if (cur.status() == StepStatus.RUNNING && !cur.jobId().isEmpty() && cur.fanOut() < 0) {
      s.effect(new Effect.CancelJob(cur.jobId(), reason));
    }
    if (cur.status() == StepStatus.RUNNING && !cur.childRunId().isEmpty()) {
      s.effect(new Effect.CancelChild(cur.childRunId()));
    }
    if (cur.fanOut() > 0) {
      for (int i = 0; i < cur.fanOut(); i++) {
        cancel(s, JobIds.childKey(key, i), reason);
      }
    }
    boolean started = cur.status() != StepStatus.PENDING || cur.attempts() > 0;
    s.put(
        cur.toBuilder()
            .status(StepStatus.CANCELLED)
            .completedAt(s.now)
            .nextAttemptAt(null)
            .deadline(null)
            .checkAt(null)
            .error(WorkflowError.of(WorkflowErrorCodes.CANCELLED, reason))
            .build());
    if (started) {
      s.event(
          s.stepEvent(TimelineEvent.STEP_CANCELLED, key, StepStatus.CANCELLED)
              .withMessage(reason)
              .withJob(cur.jobId()));
    }
  }
}
