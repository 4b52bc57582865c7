package io.cordum.gateway.internal.routes;

import io.cordum.api.job.JobRecord;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.gateway.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * "Why is this waiting?": what holds a job or a workflow step that has not ended, in words, from
 * what the engine records (the job's state, the reason code and time of its stored timer, its
 * safety decision; a step's status, type, retry time and job).
 *
 * <p>The answer is an object {@code {code, summary, detail, since, until}}: {@code code} is stable
 * for programs ({@code queued}, {@code no_workers}, {@code pool_overloaded}, {@code tenant_limit},
 * {@code throttled}, {@code safety_unavailable}, {@code approval}, {@code backoff}, {@code
 * dispatched}, {@code running}, ...), {@code summary} is one sentence for people, {@code detail} is
 * the engine's own reason text, {@code since} when the job entered its state and {@code until} when
 * the engine looks at it again (retry, next scheduling attempt, timeout).
 */
final class Waits {
  private Waits() {}

  /** The wait of a job, or {@code null} when it has ended. */
  static @Nullable Map<String, Object> job(JobRecord r) {
    if (r.isTerminal()) {
      return null;
    }
    String rc = r.reasonCode();
    String code;
    String summary;
    switch (r.state()) {
      case APPROVAL_REQUIRED -> {
        code = "approval";
        SafetyDecisionRecord s = r.safety();
        String rule = s == null || s.ruleId().isEmpty() ? "" : " (rule " + s.ruleId() + ")";
        summary =
            "Waiting for a person to approve or reject it: the safety policy requires "
                + "approval"
                + rule
                + ".";
      }
      case PENDING -> {
        switch (rc) {
          case ReasonCodes.NO_WORKERS -> {
            code = "no_workers";
            summary =
                "No live worker of its pool can take it; it is placed as soon as one "
                    + "sends a heartbeat.";
          }
          case ReasonCodes.POOL_OVERLOADED -> {
            code = "pool_overloaded";
            summary =
                "Every worker of its pool is busy (at its limit of parallel jobs); it is "
                    + "placed when one frees a slot.";
          }
          case ReasonCodes.TENANT_LIMIT -> {
            code = "tenant_limit";
            summary =
                "Its tenant is at its limit of concurrent jobs; it starts when one of "
                    + "them ends.";
          }
          case ReasonCodes.SAFETY_THROTTLED -> {
            code = "throttled";
            summary = "The safety policy throttles it; the scheduler asks again later.";
          }
          case ReasonCodes.SAFETY_UNAVAILABLE -> {
            code = "safety_unavailable";
            summary =
                "The safety kernel can not be reached; the job waits for it instead of "
                    + "failing.";
          }
          case ReasonCodes.SCHEDULER_NOT_STARTED -> {
            code = "not_started";
            summary = "The control plane's scheduler has not started yet.";
          }
          case ReasonCodes.PUBLISH_FAILED -> {
            code = "publish_failed";
            summary = "Handing it to the bus failed; it is tried again.";
          }
          default -> {
            if (!rc.isEmpty() && r.wakeAt() != null) {
              code = "backoff";
              summary =
                  "Attempt "
                      + r.attempts()
                      + " failed ("
                      + rc
                      + "); it is retried "
                      + "after a backoff.";
            } else if (rc.equals(ReasonCodes.APPROVAL_REQUIRED)
                && r.labels().containsKey("approval_granted")) {
              code = "queued";
              summary = "Approved; waiting for the scheduler to place it.";
            } else {
              code = "queued";
              summary = "Submitted; waiting for the scheduler to place it.";
            }
          }
        }
      }
      case SCHEDULED, DISPATCHED -> {
        code = "dispatched";
        summary = "Sent to a worker; waiting for the worker to start it.";
      }
      case RUNNING -> {
        code = "running";
        summary =
            r.workerId().isEmpty()
                ? "Running on a worker."
                : "Running on worker " + r.workerId() + ".";
      }
      default -> {
        code = "queued";
        summary = "Waiting.";
      }
    }
    return wait(code, summary, r.reason(), r.updatedAt(), r.wakeAt());
  }

  /**
   * The wait of each step of a run that has not ended.
   *
   * @param steps the definition's steps (for their types and dependencies), possibly empty
   * @param jobs reads a step's job
   */
  static Map<String, Map<String, Object>> steps(
      WorkflowRun run,
      Map<String, StepDefinition> steps,
      Function<String, @Nullable JobRecord> jobs) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (run.status().isTerminal()) {
      return out;
    }
    for (Map.Entry<String, StepRun> e : run.steps().entrySet()) {
      StepRun s = e.getValue();
      if (s.status().isTerminal()) {
        continue;
      }
      String base = baseId(e.getKey());
      Map<String, Object> w = step(run, s, steps.get(base), jobs);
      if (w != null) {
        out.put(e.getKey(), w);
      }
    }
    for (Map.Entry<String, StepDefinition> d : steps.entrySet()) {
      if (!run.steps().containsKey(d.getKey())) {
        Map<String, Object> w = pending(run, d.getValue(), null);
        out.put(d.getKey(), w);
      }
    }
    return out;
  }

  private static @Nullable Map<String, Object> step(
      WorkflowRun run,
      StepRun s,
      @Nullable StepDefinition def,
      Function<String, @Nullable JobRecord> jobs) {
    StepType type = def == null ? null : def.type();
    Instant since = s.startedAt();
    String err = s.error() == null ? "" : s.error().message();
    if (s.status() == StepStatus.WAITING) {
      if (type == StepType.APPROVAL) {
        return wait(
            "approval",
            "Waiting for a person to approve or reject this step"
                + (s.deadline() != null ? " before it expires." : "."),
            "",
            since,
            s.deadline());
      }
      if (type == StepType.DELAY) {
        return wait(
            "delay", "Delayed: it continues at the time shown.", "", since, s.nextAttemptAt());
      }
      if (!s.childRunId().isEmpty()) {
        return wait(
            "child_run",
            "Waiting for its child run " + s.childRunId() + " to end.",
            "",
            since,
            s.deadline());
      }
      return wait("waiting", "Waiting.", "", since, s.nextAttemptAt());
    }
    if (s.status() == StepStatus.PENDING) {
      if (s.nextAttemptAt() != null && s.attempts() > 0) {
        return wait(
            "backoff",
            "Attempt " + s.attempts() + " failed; it is retried after a " + "backoff.",
            err,
            since,
            s.nextAttemptAt());
      }
      return def == null
          ? wait("queued", "Waiting to start.", "", since, null)
          : pending(run, def, since);
    }
    // RUNNING
    if (s.fanOut() >= 0) {
      int done = 0;
      for (int i = 0; i < s.fanOut(); i++) {
        StepRun child = run.steps().get(s.stepId() + "[" + i + "]");
        if (child != null && child.status().isTerminal()) {
          done++;
        }
      }
      return wait(
          "fan_out", done + " of " + s.fanOut() + " items finished.", "", since, s.deadline());
    }
    if (!s.jobId().isEmpty()) {
      JobRecord job = jobs.apply(s.jobId());
      Map<String, Object> jw = job == null ? null : job(job);
      if (jw != null) {
        jw.put("job_id", job.id());
        if (s.deadline() != null) {
          jw.put("deadline", Json.time(s.deadline()));
        }
        return jw;
      }
      return wait(
          "running",
          "Its job " + s.jobId() + " has ended; the run takes its result " + "next.",
          "",
          since,
          s.checkAt());
    }
    return wait("running", "Running.", "", since, s.deadline());
  }

  private static Map<String, Object> pending(
      WorkflowRun run, StepDefinition def, @Nullable Instant since) {
    List<String> open = new ArrayList<>();
    for (String dep : def.dependsOn()) {
      StepRun d = run.steps().get(dep);
      if (d == null || !d.status().isTerminal()) {
        open.add(dep);
      }
    }
    if (!open.isEmpty()) {
      return wait(
          "dependencies",
          "Waiting for "
              + (open.size() == 1 ? "step " : "steps ")
              + String.join(", ", open)
              + " to finish.",
          "",
          since,
          null);
    }
    return wait("queued", "Ready; waiting for the engine to start it.", "", since, null);
  }

  private static String baseId(String stepId) {
    int b = stepId.indexOf('[');
    return b < 0 ? stepId : stepId.substring(0, b);
  }

  private static Map<String, Object> wait(
      String code,
      String summary,
      String detail,
      @Nullable Instant since,
      @Nullable Instant until) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("summary", summary);
    m.put("detail", detail);
    m.put("since", since == null ? null : Json.time(since));
    m.put("until", until == null ? null : Json.time(until));
    return m;
  }
}
