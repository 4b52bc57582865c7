package io.cordum.api.workflow;

import java.util.Locale;
import java.util.Optional;

/**
 * What a step does. Built-ins ({@link #APPROVAL}, {@link #CONDITION}, {@link #DELAY}, {@link
 * #NOTIFY}, {@link #SUBWORKFLOW}) run inside the engine; every other type is dispatched as a job to
 * the step's topic. The wire name is the lower-case constant name ({@code worker}, {@code
 * approval}, ...); an empty type means {@link #WORKER}.
 */
public enum StepType {
  /** A job for a worker pool (the default). */
  WORKER,
  /** A job for an LLM worker. */
  LLM,
  /** A job for an HTTP worker. */
  HTTP,
  /** A job for a container worker. */
  CONTAINER,
  /** A job for a script worker. */
  SCRIPT,
  /** A job that gathers input (dispatched like a worker step). */
  INPUT,
  /** A job that transforms data (dispatched like a worker step). */
  TRANSFORM,
  /** A job that stores data (dispatched like a worker step). */
  STORAGE,
  /** A job (no switch semantics; dispatched like a worker step). */
  SWITCH,
  /** A job (dispatched like a worker step; use {@code for_each} for fan-out). */
  PARALLEL,
  /** A job (dispatched like a worker step; use {@code for_each} for loops). */
  LOOP,
  /** Built-in: waits for a human decision (approve or reject), with an optional expiry. */
  APPROVAL,
  /** Built-in: evaluates an expression; its boolean result is the step output. */
  CONDITION,
  /** Built-in: waits for {@code delay_sec} or until {@code delay_until}. */
  DELAY,
  /** Built-in: publishes a {@code SystemAlert} on {@code sys.workflow.event}. */
  NOTIFY,
  /** Built-in: starts a run of another workflow and completes with its output. */
  SUBWORKFLOW;

  /** The wire name, such as {@code worker}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the engine runs the step itself instead of dispatching a job. */
  public boolean isBuiltIn() {
    return this == APPROVAL
        || this == CONDITION
        || this == DELAY
        || this == NOTIFY
        || this == SUBWORKFLOW;
  }

  /** Whether the step is dispatched as a job (the only kind {@code for_each} fans out). */
  public boolean isJob() {
    return !isBuiltIn();
  }

  /**
   * The type with this wire name (case-insensitive, trimmed); blank gives {@link #WORKER}, an
   * unknown name gives empty.
   */
  public static Optional<StepType> fromWire(String name) {
    String n = name == null ? "" : name.trim();
    if (n.isEmpty()) {
      return Optional.of(WORKER);
    }
    for (StepType t : values()) {
      if (t.wireName().equalsIgnoreCase(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
