package io.cordum.api.job;

import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One atomic change of a job's state, with what changes along with it. A store applies all of it or
 * none of it.
 *
 * <p>The timer ({@link #wakeAt()}) is replaced by every transition: leave it {@code null} to clear
 * it. A terminal state always clears the timer and the deadline.
 *
 * @param to the new state
 * @param expectedState when set, the write happens only if the job is in this state (or in one of
 *     {@code otherExpectedStates}), else {@link io.cordum.api.ConflictException}
 * @param expectedVersion when {@code >= 0}, the write happens only if the record still has this
 *     version, else {@link io.cordum.api.ConflictException}
 * @param wakeAt the job's timer after the transition, or {@code null} for none
 * @param resultPtr when non-null, the result pointer to record
 * @param workerId when non-null, the worker to record
 * @param reasonCode when non-null, the reason code to record ({@code ""} clears it)
 * @param reason when non-null, the reason text to record ({@code ""} clears it)
 * @param safetyDecision when non-null, a safety decision to append to the job's decisions
 * @param otherExpectedStates further states that meet {@code expectedState}'s expectation (empty
 *     when it is the only one; ignored when {@code expectedState} is {@code null}). A store that
 *     ignored them would only refuse more writes, never allow one it should refuse.
 */
public record Transition(
    JobState to,
    @Nullable JobState expectedState,
    long expectedVersion,
    @Nullable Instant wakeAt,
    @Nullable String resultPtr,
    @Nullable String workerId,
    @Nullable String reasonCode,
    @Nullable String reason,
    @Nullable SafetyDecisionRecord safetyDecision,
    Set<JobState> otherExpectedStates) {

  /** Checks that the target state is set and copies the other expected states. */
  public Transition {
    Objects.requireNonNull(to, "to");
    otherExpectedStates =
        otherExpectedStates == null || otherExpectedStates.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(otherExpectedStates));
  }

  /**
   * Whether a job in state {@code current} meets the state expectation: there is none, or {@code
   * current} is {@link #expectedState()} or one of {@link #otherExpectedStates()}.
   *
   * @param current the job's state, or {@code null} when it has no record
   */
  public boolean stateExpected(@Nullable JobState current) {
    return expectedState == null
        || expectedState == current
        || (current != null && otherExpectedStates.contains(current));
  }

  /** A transition to the given state with nothing else changed and no expectations. */
  public static Transition of(JobState to) {
    return to(to).build();
  }

  /** A builder for a transition to the given state. */
  public static Builder to(JobState to) {
    return new Builder(to);
  }

  /** Builds {@link Transition} values. */
  public static final class Builder {
    private final JobState to;
    private @Nullable JobState expectedState;
    private long expectedVersion = -1;
    private @Nullable Instant wakeAt;
    private @Nullable String resultPtr;
    private @Nullable String workerId;
    private @Nullable String reasonCode;
    private @Nullable String reason;
    private @Nullable SafetyDecisionRecord safetyDecision;
    private Set<JobState> otherExpectedStates = Set.of();

    private Builder(JobState to) {
      this.to = Objects.requireNonNull(to, "to");
    }

    /** Applies only if the job is currently in this state. */
    public Builder expectedState(@Nullable JobState v) {
      this.expectedState = v;
      this.otherExpectedStates = Set.of();
      return this;
    }

    /** Applies only if the job is currently in one of these states. */
    public Builder expectedStates(JobState first, JobState... others) {
      this.expectedState = Objects.requireNonNull(first, "first");
      EnumSet<JobState> rest = EnumSet.noneOf(JobState.class);
      for (JobState s : others) {
        rest.add(Objects.requireNonNull(s, "others"));
      }
      rest.remove(first);
      this.otherExpectedStates = rest;
      return this;
    }

    /** Applies only if the record still has this version (compare-and-set). */
    public Builder expectedVersion(long v) {
      this.expectedVersion = v;
      return this;
    }

    /** Sets the job's timer after the transition. */
    public Builder wakeAt(@Nullable Instant v) {
      this.wakeAt = v;
      return this;
    }

    /** Records the result pointer. */
    public Builder resultPtr(@Nullable String v) {
      this.resultPtr = v;
      return this;
    }

    /** Records the worker that reported. */
    public Builder workerId(@Nullable String v) {
      this.workerId = v;
      return this;
    }

    /** Records a reason code and its text. */
    public Builder reason(@Nullable String code, @Nullable String text) {
      this.reasonCode = code;
      this.reason = text;
      return this;
    }

    /** Appends a safety decision atomically with the transition. */
    public Builder safetyDecision(@Nullable SafetyDecisionRecord v) {
      this.safetyDecision = v;
      return this;
    }

    /** Builds the transition. */
    public Transition build() {
      return new Transition(
          to,
          expectedState,
          expectedVersion,
          wakeAt,
          resultPtr,
          workerId,
          reasonCode,
          reason,
          safetyDecision,
          otherExpectedStates);
    }
  }
}
