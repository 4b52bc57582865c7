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
 * The status of a workflow run. The allowed transitions are data ({@link #allowedTargets()}):
 *
 * <pre>
 * pending   -&gt; running, waiting, succeeded, failed, cancelled, timed_out
 * running   -&gt; waiting, succeeded, failed, cancelled, timed_out
 * waiting   -&gt; running, succeeded, failed, cancelled, timed_out
 * terminal  -&gt; none
 * </pre>
 *
 * Keeping a status is always allowed. A terminal run can not be cancelled, so a {@code succeeded}
 * or {@code failed} run is never overwritten with {@code cancelled}.
 */
public enum RunStatus {
  /** Created, not yet scheduled. */
  PENDING,
  /** Steps are running or ready. */
  RUNNING,
  /** Nothing can progress until an approval is decided. */
  WAITING,
  /** Every step succeeded (or was skipped). Terminal. */
  SUCCEEDED,
  /** A step failed (or was cancelled) without {@code on_error: continue}. Terminal. */
  FAILED,
  /** Cancelled on request. Terminal. */
  CANCELLED,
  /** A step or the run ran out of time. Terminal. */
  TIMED_OUT;

  private static final Map<RunStatus, Set<RunStatus>> TABLE = new EnumMap<>(RunStatus.class);

  static {
    TABLE.put(PENDING, EnumSet.of(RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    TABLE.put(RUNNING, EnumSet.of(WAITING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    TABLE.put(WAITING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT));
    for (RunStatus s : values()) {
      TABLE.putIfAbsent(s, EnumSet.noneOf(RunStatus.class));
      TABLE.put(s, Collections.unmodifiableSet(TABLE.get(s)));
    }
  }

  /** Whether the run has ended. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }

  /** The statuses this one may move to (not counting itself). */
  public Set<RunStatus> allowedTargets() {
    return Objects.requireNonNull(TABLE.get(this)); // every constant has a row
  }

  /** Whether a run may move from one status to another (keeping a status is allowed). */
  public static boolean canTransition(RunStatus from, RunStatus to) {
    return from == to || from.allowedTargets().contains(to);
  }

  /** The wire name, such as {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status with this wire name (case-insensitive), or empty. */
  public static Optional<RunStatus> fromWire(String name) {
    for (RunStatus s : values()) {
      if (s.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
