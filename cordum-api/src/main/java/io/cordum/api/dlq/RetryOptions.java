package io.cordum.api.dlq;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * How {@link DeadLetterService#retry(String, RetryOptions)} resubmits a dead-lettered job. Build
 * with {@link #builder()}; {@link #DEFAULT} copies the original input.
 */
public final class RetryOptions {
  /** Copy the original input; retry even if it has expired (the new job is then flagged). */
  public static final RetryOptions DEFAULT = builder().build();

  private final byte @Nullable [] input;
  private final boolean requireInput;

  private RetryOptions(Builder b) {
    this.input = b.input;
    this.requireInput = b.requireInput;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The replacement input, or {@code null} to copy the original job's input. */
  public byte @Nullable [] input() {
    return input == null ? null : input.clone();
  }

  /** Whether to refuse the retry when the original job had input that can no longer be read. */
  public boolean requireInput() {
    return requireInput;
  }

  /** Builds {@link RetryOptions}. */
  public static final class Builder {
    private byte @Nullable [] input;
    private boolean requireInput;

    private Builder() {}

    /** Runs the retry on this input instead of the original job's (an edited input). */
    public Builder input(byte[] v) {
      this.input = v.clone();
      return this;
    }

    /** Runs the retry on this UTF-8 input instead of the original job's. */
    public Builder input(String v) {
      this.input = v.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Refuses the retry (and keeps the entry) when the original job had input that has expired,
     * instead of running the new job without it (flagged with the label {@code
     * retry_input_missing=true}).
     */
    public Builder requireInput(boolean v) {
      this.requireInput = v;
      return this;
    }

    /** Builds the options. */
    public RetryOptions build() {
      return new RetryOptions(this);
    }
  }
}
