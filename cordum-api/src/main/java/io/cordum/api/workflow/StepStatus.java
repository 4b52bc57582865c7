package io.cordum.api.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The status of one step (or one {@code for_each} child) in a run. The allowed transitions are data
 * ({@link #allowedTargets()}):
 *
 * <pre>
 * pending  -&gt; running, waiting, succeeded, failed, cancelled, timed_out
 * running  -&gt; pending (retry backoff), succeeded, failed, cancelled, timed_out
 * waiting  -&gt; succeeded, failed, cancelled, timed_out
 * terminal -&gt; none
 * </pre>
 *
 * A step without a state is {@code pending}. Keeping a status is always allowed. A step skipped by
 * a false gate is {@code succeeded} with {@link StepRun#skipped()} set.
 */
public enum StepStatus {
  /** Not started, or waiting for its retry backoff. */
  PENDING,
  /** A job, delay, fan-out, notify or child run is in flight. */
  RUNNING,
  /** An approval waits for a decision. */
  WAITING,
  /** Finished successfully (or skipped). Terminal. */
  SUCCEEDED,
  /** Failed. Terminal. */
  FAILED,
  /** Cancelled. Terminal. */
  CANCELLED,
  /** Ran out of time. Terminal. */
  TIMED_OUT;

  private static final Map<StepStatus, Set<StepStatus>> TABLE = new EnumMap<>(StepStatus.class);

  static {
    TABLE.put(PENDING, EnumSet.of(RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    TABLE.put(RUNNING, EnumSet.of(PENDING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    TABLE.put(WAITING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    for (StepStatus s : values()) {
      TABLE.putIfAbsent(s, EnumSet.noneOf(StepStatus.class));
      TABLE.put(s, Collections.unmodifiableSet(TABLE.get(s)));
    }
  }

  /** Whether the step has ended. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }

  /** Whether the step ended without success (failed, cancelled or timed out). */
  public boolean isFailure() {
    return this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }

  /** The statuses this one may move to (not counting itself). */
  public Set<StepStatus> allowedTargets() {
    return Objects.requireNonNull(TABLE.get(this)); // every constant has a row
  }

  /** Whether a step may move from one status to another (keeping a status is allowed). */
  public static boolean canTransition(StepStatus from, StepStatus to) {
    return from == to || from.allowedTargets().contains(to);
  }

  /** The wire name, such as {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this wire name (case-insensitive), or empty. */
  public static Optional<StepStatus> fromWire(String name) {
    for (StepStatus s : values()) {
      if (s.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
