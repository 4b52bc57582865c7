package io.cordum.core.internal.workflow;

import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.JsonTrees;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mutable working copy of one run during one change: the step states, context, status, the
 * timeline events and the effects the change produces. {@link #build()} gives the run to store.
 * Step status changes go through {@link #put}, which enforces {@link StepStatus}'s table; run
 * fields through their setters, which mark the run changed.
 */
final class RunState {
  final WorkflowRun run;
  final WorkflowDefinition def;
  final Instant now;
  final LinkedHashMap<String, StepRun> steps;
  // The stored (frozen) context until the first change, then a mutable deep copy of it.
  private Map<String, Object> context;
  private boolean contextCopied;
  private boolean stepsCopied;
  // Written only through the methods below, so that every change marks the run changed (a run
  // whose only change was its error or output would otherwise not be stored).
  private RunStatus status;
  private @Nullable Instant startedAt;
  private @Nullable Instant completedAt;
  private @Nullable Instant deadline;
  private @Nullable WorkflowError error;
  private Map<String, Object> output;
  final List<TimelineEvent> events = new ArrayList<>();
  final List<Effect> effects = new ArrayList<>();
  private boolean changed;

  RunState(WorkflowRun run, WorkflowDefinition def, Instant now) {
    this.run = run;
    this.def = def;
    this.now = now;
    this.steps = new LinkedHashMap<>(run.steps());
    this.context = run.context();
    this.status = run.status();
    this.startedAt = run.startedAt();
    this.completedAt = run.completedAt();
    this.deadline = run.deadline();
    this.error = run.error();
    this.output = run.output();
  }

  String runId() {
    return run.id();
  }

  boolean changed() {
    return changed;
  }

  RunStatus status() {
    return status;
  }

  @Nullable Instant deadline() {
    return deadline;
  }

  /** Records the start: now, with the run's deadline (if it has a timeout). */
  void started(@Nullable Instant runDeadline) {
    startedAt = now;
    deadline = runDeadline;
    changed = true;
  }

  /** Records why the run ended without success. */
  void error(WorkflowError e) {
    if (!e.equals(error)) {
      error = e;
      changed = true;
    }
  }

  /** Records the run's output. */
  void output(Map<String, Object> value) {
    if (!value.equals(output)) {
      output = value;
      changed = true;
    }
  }

  /** The state of a step or child; a pending one when it has none. */
  StepRun step(String key) {
    StepRun s = steps.get(key);
    return s == null ? StepRun.pending(key) : s;
  }

  /** Records a step state, checking the status change. */
  void put(StepRun next) {
    StepRun cur = step(next.stepId());
    if (!StepStatus.canTransition(cur.status(), next.status())) {
      throw new InvalidRunTransitionException(
          "step " + next.stepId() + " of run " + run.id(),
          cur.status().wireName(),
          next.status().wireName());
    }
    if (!next.equals(steps.get(next.stepId()))) {
      steps.put(next.stepId(), next);
      changed = true;
    }
  }

  /** Sets the run status, recording a {@code run_status} event when it changes. */
  void status(RunStatus next, String message) {
    if (next == status) {
      return;
    }
    if (!RunStatus.canTransition(status, next)) {
      throw new InvalidRunTransitionException(
          "workflow run " + run.id(), status.wireName(), next.wireName());
    }
    status = next;
    changed = true;
    if (next.isTerminal()) {
      completedAt = now;
    }
    event(
        TimelineEvent.of(TimelineEvent.RUN_STATUS, run.id())
            .withStatus(next.wireName())
            .withMessage(message));
  }

  /** A timeline event about a step. */
  TimelineEvent stepEvent(String type, String stepKey, StepStatus st) {
    return TimelineEvent.of(type, run.id()).withStep(stepKey).withStatus(st.wireName());
  }

  void event(TimelineEvent e) {
    events.add(TimelineRedaction.apply(e.at(e.time() == null ? now : e.time(), run.workflowId())));
    changed = true;
  }

  void effect(Effect e) {
    effects.add(e);
  }

  /** The definition of the step behind a key ({@code step} or {@code step[i]}). */
  @Nullable StepDefinition definitionOf(String key) {
    int b = key.indexOf('[');
    return def.steps().get(b < 0 ? key : key.substring(0, b));
  }

  /** The run context, to read. */
  Map<String, Object> context() {
    return context;
  }

  /**
   * The context to change: a shallow copy of the stored one, whose values stay the stored (frozen,
   * shared) trees; {@link #recordOutput} copies only the maps on the path it writes, so a result
   * costs a copy of the maps it changes rather than of the whole context, twice.
   */
  private Map<String, Object> mutableContext() {
    if (!contextCopied) {
      context = new LinkedHashMap<>(context);
      contextCopied = true;
    }
    return context;
  }

  /** The expression scope: {@code input}, {@code ctx}, {@code steps}. */
  Map<String, Object> scope() {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("input", run.input());
    scope.put("ctx", context);
    Object st = context.get("steps");
    scope.put("steps", st instanceof Map<?, ?> ? st : Map.of());
    return scope;
  }

  /** Records a step output as {@code steps.<key>} and at the step's output path. */
  void recordOutput(
      String key, @Nullable Object value, String resultPtr, @Nullable String outputPath) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("output", JsonTrees.freeze(value));
    if (!resultPtr.isEmpty()) {
      entry.put("result_ptr", resultPtr);
    }
    Map<String, Object> context = mutableContext();
    Object current = context.get("steps");
    Map<String, Object> stepsMap;
    if (stepsCopied && current instanceof Map<?, ?> mine) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) mine; // this change's own copy
      stepsMap = m;
    } else {
      stepsMap = current instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<>();
      context.put("steps", stepsMap);
      stepsCopied = true;
    }
    stepsMap.put(key, entry);
    if (outputPath != null && !outputPath.isBlank()) {
      setPath(context, outputPath, JsonTrees.freeze(value == null ? resultPtr : value));
    }
    changed = true;
  }

  private static Map<String, Object> copy(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /**
   * Sets a dotted path in a map, creating the maps it lacks. The maps along the path are replaced
   * by shallow copies, since they may be shared frozen trees of the stored run.
   */
  static void setPath(Map<String, Object> root, String path, @Nullable Object value) {
    String[] segs = path.split("\\.");
    Map<String, Object> cur = root;
    for (int i = 0; i < segs.length - 1; i++) {
      Object next = cur.get(segs[i]);
      Map<String, Object> copied =
          next instanceof Map<?, ?> m ? copy(m) : new LinkedHashMap<String, Object>();
      cur.put(segs[i], copied);
      cur = copied;
    }
    cur.put(segs[segs.length - 1], value);
  }

  /** The earliest timer of the run. */
  @Nullable Instant wakeAt() {
    if (status.isTerminal()) {
      return null;
    }
    Instant t = deadline;
    for (StepRun s : steps.values()) {
      Instant n = s.nextTimer();
      if (n != null && (t == null || n.isBefore(t))) {
        t = n;
      }
    }
    return t;
  }

  /** The run to store. */
  WorkflowRun build() {
    return run.toBuilder()
        .steps(steps)
        .context(context)
        .status(status)
        .startedAt(startedAt)
        .completedAt(completedAt)
        .deadline(deadline)
        .error(error)
        .output(output)
        .wakeAt(wakeAt())
        .build();
  }
}
