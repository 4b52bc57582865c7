package io.cordum.core.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link io.cordum.api.workflow.WorkflowEngine}. Build with {@link #builder()};
 * {@link #DEFAULT} holds the defaults.
 *
 * @param tickInterval how often the timer loop looks for due run timers (default 1 s)
 * @param jobCheckInterval how long after a dispatch (and then how often) the engine looks at a
 *     step's job in the job store, in case its terminal state was not observed (another replica
 *     restarted, a lost notification); default 30 s
 * @param batchSize how many due runs one tick handles (default 100)
 * @param maxConflicts how many times one change is retried when another writer updated the run
 *     first (default 32)
 * @param inlineOutputLimit results up to this many bytes are decoded into the run context; larger
 *     ones are kept as their pointer (default 256 KiB, Cordum's limit)
 */
public record EngineConfig(
    Duration tickInterval,
    Duration jobCheckInterval,
    int batchSize,
    int maxConflicts,
    int inlineOutputLimit) {

  /** The defaults. */
  public static final EngineConfig DEFAULT = builder().build();

  /** Checks the values. */
  public EngineConfig {
    Objects.requireNonNull(tickInterval, "tickInterval");
    Objects.requireNonNull(jobCheckInterval, "jobCheckInterval");
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive");
    }
    if (jobCheckInterval.isNegative() || jobCheckInterval.isZero()) {
      throw new IllegalArgumentException("jobCheckInterval must be positive");
    }
    batchSize = Math.max(1, batchSize);
    maxConflicts = Math.max(1, maxConflicts);
    inlineOutputLimit = Math.max(0, inlineOutputLimit);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EngineConfig}s. */
  public static final class Builder {
    private Duration tickInterval = Duration.ofSeconds(1);
    private Duration jobCheckInterval = Duration.ofSeconds(30);
    private int batchSize = 100;
    private int maxConflicts = 32;
    private int inlineOutputLimit = 256 * 1024;

    private Builder() {}

    /** How often the timer loop runs. */
    public Builder tickInterval(Duration v) {
      this.tickInterval = v;
      return this;
    }

    /** How often in-flight jobs are looked at in the job store. */
    public Builder jobCheckInterval(Duration v) {
      this.jobCheckInterval = v;
      return this;
    }

    /** Due runs per tick. */
    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    /** Compare-and-set retries per change. */
    public Builder maxConflicts(int v) {
      this.maxConflicts = v;
      return this;
    }

    /** The largest result decoded into the context. */
    public Builder inlineOutputLimit(int v) {
      this.inlineOutputLimit = v;
      return this;
    }

    /** Builds the settings. */
    public EngineConfig build() {
      return new EngineConfig(
          tickInterval, jobCheckInterval, batchSize, maxConflicts, inlineOutputLimit);
    }
  }
}
