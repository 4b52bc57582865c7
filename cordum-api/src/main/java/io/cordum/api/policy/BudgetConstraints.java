package io.cordum.api.policy;

/**
 * Budget limits a policy puts on a job. A value of 0 means no limit.
 *
 * @param maxRuntimeMs the deadline is clamped to this many milliseconds
 * @param maxRetries how many times the job may be retried
 * @param maxArtifactBytes the largest artifact the job may write
 * @param maxConcurrentJobs how many jobs of the tenant may be active at once
 */
public record BudgetConstraints(
    long maxRuntimeMs, int maxRetries, long maxArtifactBytes, int maxConcurrentJobs) {

  /** Copies maps and lists and turns nulls into empty values. */
  public BudgetConstraints {}

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxRuntimeMs = maxRuntimeMs;
    b.maxRetries = maxRetries;
    b.maxArtifactBytes = maxArtifactBytes;
    b.maxConcurrentJobs = maxConcurrentJobs;
    return b;
  }

  /** Builds {@link BudgetConstraints} values. */
  public static final class Builder {
    private long maxRuntimeMs;
    private int maxRetries;
    private long maxArtifactBytes;
    private int maxConcurrentJobs;

    private Builder() {}

    /** Sets maxRuntimeMs: the deadline is clamped to this many milliseconds. */
    public Builder maxRuntimeMs(long v) {
      this.maxRuntimeMs = v;
      return this;
    }

    /** Sets maxRetries: how many times the job may be retried. */
    public Builder maxRetries(int v) {
      this.maxRetries = v;
      return this;
    }

    /** Sets maxArtifactBytes: the largest artifact the job may write. */
    public Builder maxArtifactBytes(long v) {
      this.maxArtifactBytes = v;
      return this;
    }

    /** Sets maxConcurrentJobs: how many jobs of the tenant may be active at once. */
    public Builder maxConcurrentJobs(int v) {
      this.maxConcurrentJobs = v;
      return this;
    }

    /** Builds the record. */
    public BudgetConstraints build() {
      return new BudgetConstraints(maxRuntimeMs, maxRetries, maxArtifactBytes, maxConcurrentJobs);
    }
  }
}
