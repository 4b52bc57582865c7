package io.cordum.core.internal.workflow;

import io.cordum.api.CordumException;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Subjects;
import io.cordum.api.cap.SystemAlert;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowErrorCodes;
import io.cordum.core.workflow.EngineConfig;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The steps the engine runs itself: condition, approval, delay, notify and subworkflow. */
final class BuiltIns {
  /** The sender id of the engine's packets. */
  static final String SENDER = "workflow-engine";

  private final Bus bus;
  private final EngineConfig config;
  private final StepSchemas schemas;

  BuiltIns(Bus bus, EngineConfig config, StepSchemas schemas) {
    this.bus = bus;
    this.config = config;
    this.schemas = schemas;
  }

  /** Starts a ready built-in step. */
  void start(RunState s, StepDefinition d) {
    StepRun cur = s.step(d.id());
    switch (d.type()) {
      case CONDITION -> condition(s, d, cur);
      case APPROVAL -> {
        String approvalId = UUID.randomUUID().toString();
        s.put(
            cur.toBuilder()
                .status(StepStatus.WAITING)
                .startedAt(s.now)
                .approvalId(approvalId)
                .deadline(d.timeoutSec() > 0 ? s.now.plusSeconds(d.timeoutSec()) : null)
                .build());
        s.event(
            s.stepEvent(TimelineEvent.STEP_WAITING, d.id(), StepStatus.WAITING)
                .withMessage("approval requested")
                .withData(Map.of("approval_id", approvalId)));
      }
      case DELAY -> delay(s, d, cur);
      case NOTIFY -> notify(s, d, cur);
      case SUBWORKFLOW -> {
        String child = s.runId() + "." + d.id();
        s.put(
            cur.toBuilder()
                .status(StepStatus.RUNNING)
                .startedAt(s.now)
                .childRunId(child)
                .deadline(d.timeoutSec() > 0 ? s.now.plusSeconds(d.timeoutSec()) : null)
                .checkAt(s.now.plus(config.jobCheckInterval()))
                .build());
        s.event(
            s.stepEvent(TimelineEvent.STEP_CHILD_STARTED, d.id(), StepStatus.RUNNING)
                .withData(Map.of("child_run_id", child, "workflow_id", d.workflowId())));
        s.effect(new Effect.StartChild(s.runId(), d.id(), child));
      }
      default -> throw new IllegalStateException("not a built-in: " + d.type());
    }
  }

  /** Advances a running or waiting built-in (delay end, approval expiry, child checks). */
  boolean advance(RunState s, StepDefinition d, StepRun cur) {
    if (cur.status() == StepStatus.WAITING
        && cur.deadline() != null
        && !cur.deadline().isAfter(s.now)) {
      Steps.fail(
          s,
          cur,
          StepStatus.TIMED_OUT,
          WorkflowErrorCodes.APPROVAL_EXPIRED,
          "no decision within " + d.timeoutSec() + "s",
          TimelineEvent.STEP_TIMED_OUT);
      return true;
    }
    if (cur.status() != StepStatus.RUNNING) {
      return false;
    }
    if (d.type() == io.cordum.api.workflow.StepType.DELAY
        && cur.nextAttemptAt() != null
        && !cur.nextAttemptAt().isAfter(s.now)) {
      Steps.succeed(s, cur, null, TimelineEvent.STEP_DELAY_COMPLETED, "delay completed", Map.of());
      return true;
    }
    if (d.type() == io.cordum.api.workflow.StepType.SUBWORKFLOW) {
      if (cur.deadline() != null && !cur.deadline().isAfter(s.now)) {
        s.effect(new Effect.CancelChild(cur.childRunId()));
        Steps.fail(
            s,
            cur,
            StepStatus.TIMED_OUT,
            WorkflowErrorCodes.STEP_TIMEOUT,
            "child run did not finish within " + d.timeoutSec() + "s",
            TimelineEvent.STEP_TIMED_OUT);
        return true;
      }
      if (cur.checkAt() != null && !cur.checkAt().isAfter(s.now)) {
        s.effect(new Effect.CheckChild(s.runId(), d.id(), cur.childRunId()));
        s.put(cur.toBuilder().checkAt(s.now.plus(config.jobCheckInterval())).build());
      }
    }
    return false;
  }

  private void condition(RunState s, StepDefinition d, StepRun cur) {
    boolean value;
    try {
      value = Expressions.test(d.condition(), s.scope());
    } catch (CordumException e) {
      Steps.fail(
          s,
          cur,
          StepStatus.FAILED,
          WorkflowErrorCodes.CONDITION_ERROR,
          e.getMessage(),
          TimelineEvent.STEP_CONDITION_FAILED);
      return;
    }
    StepSchemas.Failure bad =
        schemas.check(
            d.outputSchema(),
            d.outputSchemaId(),
            value,
            "output schema",
            WorkflowErrorCodes.OUTPUT_INVALID);
    if (bad != null) {
      Steps.fail(
          s,
          cur,
          StepStatus.FAILED,
          bad.code(),
          bad.message(),
          TimelineEvent.STEP_CONDITION_FAILED);
      return;
    }
    Steps.succeed(
        s, cur, value, TimelineEvent.STEP_CONDITION_EVALUATED, "", Map.of("value", value));
    s.recordOutput(d.id(), value, "", d.outputPath());
  }

  private void delay(RunState s, StepDefinition d, StepRun cur) {
    Duration wait;
    try {
      wait = delayOf(d, s);
    } catch (RuntimeException e) {
      Steps.fail(
          s,
          cur,
          StepStatus.FAILED,
          WorkflowErrorCodes.DELAY_INVALID,
          Objects.toString(e.getMessage(), ""),
          TimelineEvent.STEP_DELAY_FAILED);
      return;
    }
    if (wait.isZero()) {
      Steps.succeed(s, cur, null, TimelineEvent.STEP_DELAY_COMPLETED, "delay completed", Map.of());
      return;
    }
    s.put(
        cur.toBuilder()
            .status(StepStatus.RUNNING)
            .startedAt(s.now)
            .nextAttemptAt(s.now.plus(wait))
            .build());
    s.event(
        s.stepEvent(TimelineEvent.STEP_DELAY_STARTED, d.id(), StepStatus.RUNNING)
            .withMessage("delay started")
            .withData(Map.of("delay_ms", wait.toMillis())));
  }

  /** A delay's length: delay_sec, else the time left until delay_until, else zero. */
  static Duration delayOf(StepDefinition d, RunState s) {
    if (d.delaySec() < 0) {
      throw new IllegalArgumentException("delay_sec must not be negative");
    }
    if (d.delaySec() > 0) {
      return Duration.ofSeconds(d.delaySec());
    }
    if (!d.delayUntil().isBlank()) {
      Duration left = Duration.between(s.now, OffsetDateTime.parse(d.delayUntil()).toInstant());
      return left.isNegative() ? Duration.ZERO : left;
    }
    return Duration.ZERO;
  }

  private void notify(RunState s, StepDefinition d, StepRun cur) {
    Map<?, ?> payload;
    try {
      Object rendered = Expressions.render(d.input(), s.scope());
      payload = rendered instanceof Map<?, ?> m ? m : Map.of();
    } catch (CordumException e) {
      Steps.fail(
          s,
          cur,
          StepStatus.FAILED,
          WorkflowErrorCodes.INPUT_TEMPLATE,
          e.getMessage(),
          TimelineEvent.STEP_EVENT_FAILED);
      return;
    }
    SystemAlert alert = alert(d, payload);
    try {
      // Published inside the change: a change retried after a conflict may publish twice
      // (notify is at least once, like every bus message).
      bus.publish(Subjects.WORKFLOW_EVENT, BusPacket.of(s.runId(), SENDER, s.now, alert));
    } catch (RuntimeException e) {
      Steps.fail(
          s,
          cur,
          StepStatus.FAILED,
          WorkflowErrorCodes.PUBLISH_FAILED,
          String.valueOf(e.getMessage()),
          TimelineEvent.STEP_EVENT_FAILED);
      return;
    }
    Steps.succeed(
        s,
        cur,
        null,
        TimelineEvent.STEP_EVENT_EMITTED,
        alert.message(),
        Map.of("payload", payload));
  }

  /** Builds the alert of a notify step from its rendered input. */
  static SystemAlert alert(StepDefinition d, Map<?, ?> payload) {
    String level = str(payload.get("level")).toUpperCase(Locale.ROOT);
    String message = str(payload.get("message"));
    if (message.isEmpty()) {
      message = d.name().isEmpty() ? d.id() : d.name();
    }
    String component = str(payload.get("component"));
    return SystemAlert.builder()
        .level(level.isEmpty() ? "INFO" : level)
        .message(message)
        .code(str(payload.get("code")))
        .component(component.isEmpty() ? SENDER : component)
        .build();
  }

  private static String str(@Nullable Object o) {
    return o == null ? "" : String.valueOf(o).trim();
  }
}
