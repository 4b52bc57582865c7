package io.cordum.api.cap;

import java.time.Duration;

/**
 * Soft limits of a job ({@code cordum.agent.v1.Budget}). The scheduler uses {@link #deadlineMs()}:
 * when positive, the job times out that long after the scheduler first sees it.
 *
 * @param maxInputTokens field 1
 * @param maxOutputTokens field 2
 * @param maxTotalTokens field 3
 * @param deadlineMs field 4, milliseconds; 0 means no deadline
 * @param unknownFields fields this version does not know
 */
public record Budget(
    long maxInputTokens,
    long maxOutputTokens,
    long maxTotalTokens,
    long deadlineMs,
    UnknownFields unknownFields) {

  /** Normalises a null {@code unknownFields} to {@link UnknownFields#EMPTY}. */
  public Budget {
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /** A budget that only sets a deadline. */
  public static Budget ofDeadline(Duration deadline) {
    return new Budget(0, 0, 0, deadline.toMillis(), UnknownFields.EMPTY);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    return new Builder()
        .maxInputTokens(maxInputTokens)
        .maxOutputTokens(maxOutputTokens)
        .maxTotalTokens(maxTotalTokens)
        .deadlineMs(deadlineMs)
        .unknownFields(unknownFields);
  }

  /** Builds {@link Budget} values. */
  public static final class Builder {
    private long maxInputTokens;
    private long maxOutputTokens;
    private long maxTotalTokens;
    private long deadlineMs;
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets field 1. */
    public Builder maxInputTokens(long v) {
      this.maxInputTokens = v;
      return this;
    }

    /** Sets field 2. */
    public Builder maxOutputTokens(long v) {
      this.maxOutputTokens = v;
      return this;
    }

    /** Sets field 3. */
    public Builder maxTotalTokens(long v) {
      this.maxTotalTokens = v;
      return this;
    }

    /** Sets the deadline in milliseconds (field 4). */
    public Builder deadlineMs(long v) {
      this.deadlineMs = v;
      return this;
    }

    /** Sets the unknown fields to carry. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public Budget build() {
      return new Budget(maxInputTokens, maxOutputTokens, maxTotalTokens, deadlineMs, unknownFields);
    }
  }
}
