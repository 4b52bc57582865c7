package io.cordum.core.scheduler;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the scheduler, with Cordum's defaults. Build with {@link #builder()}.
 *
 * @param pools which pools serve which topics ({@code pools.yaml})
 * @param timeouts dispatch/running timeouts, per-topic overrides ({@code timeouts.yaml})
 * @param retryPolicy how failed or timed-out attempts are retried (default: never)
 * @param tickInterval how often due timers (retry backoff, timeouts, deadlines) are checked
 *     (default 200 ms)
 * @param leaseTtl how long the per-job lease that serialises one job's handling lasts (30 s)
 * @param lockBusyDelay redelivery delay when another replica holds the job's lease (500 ms)
 * @param storeErrorDelay redelivery delay after a store failure (1 s)
 * @param publishErrorDelay retry delay after a bus publish failure (2 s)
 * @param noWorkersDelay retry delay when no worker can take the job, all are overloaded or the
 *     tenant is at its limit (2 s)
 * @param throttleDelay retry delay after a THROTTLE decision (5 s)
 * @param maxSchedulingWait how long a job may keep waiting for workers, capacity or a throttle
 *     before it fails with the last reason code (default 300 s), so a job nobody can run ends with
 *     a reason instead of waiting for ever
 * @param submitConcurrency how many submits one replica handles at once (default 4)
 * @param resultConcurrency how many results one replica handles at once (default 4)
 * @param topicFallback publish to the pool topic when no worker of an eligible pool heartbeats, so
 *     that CAP SDK workers (which never heartbeat) still get work (default true)
 * @param batchSize how many due timers, deadlines or pending jobs one tick handles (200)
 * @param workerTimeout how long after its last heartbeat a worker counts as dead: no job is routed
 *     to it, and its running jobs are dispatched again (default 15 s, three heartbeats of the Java
 *     worker; keep it above twice the workers' heartbeat interval)
 * @param resultGrace how long a running job may go unlisted by a worker that reports the jobs it
 *     holds before it is dispatched again: the time its result has to reach the scheduler (default
 *     30 s; keep it above the JetStream ack wait, so a result held by a crashed replica is
 *     redelivered first)
 * @param workerLostRetries how many times a job whose worker was lost is dispatched again, on top
 *     of the retry policy's retries (default 3; a job that keeps killing its worker then fails with
 *     {@code worker_lost})
 * @param runningRecordDelay how long after a job's dispatch its result may take before the
 *     scheduler records the job RUNNING (default 50 ms). A job whose result comes sooner is never
 *     written RUNNING: it goes from SCHEDULED straight to its outcome, one store write fewer, and
 *     its history reads PENDING, SCHEDULED, then the outcome. Until then the job keeps its dispatch
 *     timer, and the liveness sweep (which looks at RUNNING jobs) does not see it. {@code 0}
 *     records RUNNING right after the publish. Must be below half the dispatch timeout; should the
 *     timeouts be reloaded with a shorter one, the delay is cut to half of it
 */
public record SchedulerConfig(
    PoolConfig pools,
    TimeoutConfig timeouts,
    RetryPolicy retryPolicy,
    Duration tickInterval,
    Duration leaseTtl,
    Duration lockBusyDelay,
    Duration storeErrorDelay,
    Duration publishErrorDelay,
    Duration noWorkersDelay,
    Duration throttleDelay,
    Duration maxSchedulingWait,
    int submitConcurrency,
    int resultConcurrency,
    boolean topicFallback,
    int batchSize,
    Duration workerTimeout,
    Duration resultGrace,
    int workerLostRetries,
    Duration runningRecordDelay) {

  /** The defaults. */
  public static final SchedulerConfig DEFAULT = builder().build();

  /** Validates the settings. */
  public SchedulerConfig {
    Objects.requireNonNull(pools, "pools");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    positive("tickInterval", tickInterval);
    positive("leaseTtl", leaseTtl);
    positive("maxSchedulingWait", maxSchedulingWait);
    notNegative("lockBusyDelay", lockBusyDelay);
    notNegative("storeErrorDelay", storeErrorDelay);
    notNegative("publishErrorDelay", publishErrorDelay);
    notNegative("noWorkersDelay", noWorkersDelay);
    notNegative("throttleDelay", throttleDelay);
    if (submitConcurrency < 1) {
      throw new ValidationException("submitConcurrency", "must be >= 1, was " + submitConcurrency);
    }
    if (resultConcurrency < 1) {
      throw new ValidationException("resultConcurrency", "must be >= 1, was " + resultConcurrency);
    }
    if (batchSize < 1) {
      throw new ValidationException("batchSize", "must be >= 1, was " + batchSize);
    }
    positive("workerTimeout", workerTimeout);
    positive("resultGrace", resultGrace);
    if (workerLostRetries < 0) {
      throw new ValidationException("workerLostRetries", "must be >= 0, was " + workerLostRetries);
    }
    notNegative("runningRecordDelay", runningRecordDelay);
    if (runningRecordDelay.multipliedBy(2).compareTo(timeouts.dispatchTimeout()) >= 0) {
      throw new ValidationException(
          "runningRecordDelay",
          "must be below half the dispatch timeout ("
              + timeouts.dispatchTimeout()
              + "), was "
              + runningRecordDelay);
    }
  }

  /**
   * The {@link #runningRecordDelay()} in force with {@code timeouts}: cut to half their dispatch
   * timeout, should a reload have shortened it.
   */
  public Duration runningRecordDelay(TimeoutConfig timeouts) {
    Duration half = timeouts.dispatchTimeout().dividedBy(2);
    return runningRecordDelay.compareTo(half) < 0 ? runningRecordDelay : half;
  }

  private static void notNegative(String field, Duration d) {
    if (d == null || d.isNegative()) {
      throw new ValidationException(field, "must be a duration >= 0, was " + d);
    }
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be a positive duration, was " + d);
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .pools(pools)
        .timeouts(timeouts)
        .retryPolicy(retryPolicy)
        .tickInterval(tickInterval)
        .leaseTtl(leaseTtl)
        .lockBusyDelay(lockBusyDelay)
        .storeErrorDelay(storeErrorDelay)
        .publishErrorDelay(publishErrorDelay)
        .noWorkersDelay(noWorkersDelay)
        .throttleDelay(throttleDelay)
        .maxSchedulingWait(maxSchedulingWait)
        .submitConcurrency(submitConcurrency)
        .resultConcurrency(resultConcurrency)
        .topicFallback(topicFallback)
        .batchSize(batchSize)
        .workerTimeout(workerTimeout)
        .resultGrace(resultGrace)
        .workerLostRetries(workerLostRetries)
        .runningRecordDelay(runningRecordDelay);
  }

  /** Builds {@link SchedulerConfig}s. */
  public static final class Builder {
    private PoolConfig pools = PoolConfig.DEFAULT;
    private TimeoutConfig timeouts = TimeoutConfig.DEFAULT;
    private RetryPolicy retryPolicy = RetryPolicy.NONE;
    private Duration tickInterval = Duration.ofMillis(200);
    private Duration leaseTtl = Duration.ofSeconds(30);
    private Duration lockBusyDelay = Duration.ofMillis(500);
    private Duration storeErrorDelay = Duration.ofSeconds(1);
    private Duration publishErrorDelay = Duration.ofSeconds(2);
    private Duration noWorkersDelay = Duration.ofSeconds(2);
    private Duration throttleDelay = Duration.ofSeconds(5);
    private Duration maxSchedulingWait = Duration.ofSeconds(300);
    private int submitConcurrency = 4;
    private int resultConcurrency = 4;
    private boolean topicFallback = true;
    private int batchSize = 200;
    private Duration workerTimeout = Duration.ofSeconds(15);
    private Duration resultGrace = Duration.ofSeconds(30);
    private int workerLostRetries = 3;
    private Duration runningRecordDelay = Duration.ofMillis(50);

    private Builder() {}

    /** Which pools serve which topics. */
    public Builder pools(PoolConfig v) {
      this.pools = v;
      return this;
    }

    /** Timeouts and per-topic overrides. */
    public Builder timeouts(TimeoutConfig v) {
      this.timeouts = v;
      return this;
    }

    /** How failed attempts are retried. */
    public Builder retryPolicy(RetryPolicy v) {
      this.retryPolicy = v;
      return this;
    }

    /** How often due timers are checked. */
    public Builder tickInterval(Duration v) {
      this.tickInterval = v;
      return this;
    }

    /** The per-job lease TTL. */
    public Builder leaseTtl(Duration v) {
      this.leaseTtl = v;
      return this;
    }

    /** Redelivery delay when the job's lease is busy. */
    public Builder lockBusyDelay(Duration v) {
      this.lockBusyDelay = v;
      return this;
    }

    /** Redelivery delay after a store failure. */
    public Builder storeErrorDelay(Duration v) {
      this.storeErrorDelay = v;
      return this;
    }

    /** Retry delay after a publish failure. */
    public Builder publishErrorDelay(Duration v) {
      this.publishErrorDelay = v;
      return this;
    }

    /** Retry delay when no worker can take the job now. */
    public Builder noWorkersDelay(Duration v) {
      this.noWorkersDelay = v;
      return this;
    }

    /** Retry delay after a THROTTLE decision. */
    public Builder throttleDelay(Duration v) {
      this.throttleDelay = v;
      return this;
    }

    /** How long a job may wait for workers before it fails. */
    public Builder maxSchedulingWait(Duration v) {
      this.maxSchedulingWait = v;
      return this;
    }

    /** Submits handled at once per replica. */
    public Builder submitConcurrency(int v) {
      this.submitConcurrency = v;
      return this;
    }

    /** Results handled at once per replica. */
    public Builder resultConcurrency(int v) {
      this.resultConcurrency = v;
      return this;
    }

    /** Whether to publish to the pool topic when a pool has no heartbeating worker. */
    public Builder topicFallback(boolean v) {
      this.topicFallback = v;
      return this;
    }

    /** Items handled per timer tick. */
    public Builder batchSize(int v) {
      this.batchSize = v;
      return this;
    }

    /** How long after its last heartbeat a worker counts as dead. */
    public Builder workerTimeout(Duration v) {
      this.workerTimeout = v;
      return this;
    }

    /** How long a running job may go unlisted by its worker before it runs again. */
    public Builder resultGrace(Duration v) {
      this.resultGrace = v;
      return this;
    }

    /** How many times a job whose worker was lost runs again beyond its retries. */
    public Builder workerLostRetries(int v) {
      this.workerLostRetries = v;
      return this;
    }

    /**
     * How long after a dispatch the job's result may take before the job is recorded RUNNING
     * ({@code 0}: at once).
     */
    public Builder runningRecordDelay(Duration v) {
      this.runningRecordDelay = v;
      return this;
    }

    /** Builds the settings. */
    public SchedulerConfig build() {
      return new SchedulerConfig(
          pools,
          timeouts,
          retryPolicy,
          tickInterval,
          leaseTtl,
          lockBusyDelay,
          storeErrorDelay,
          publishErrorDelay,
          noWorkersDelay,
          throttleDelay,
          maxSchedulingWait,
          submitConcurrency,
          resultConcurrency,
          topicFallback,
          batchSize,
          workerTimeout,
          resultGrace,
          workerLostRetries,
          runningRecordDelay);
    }
  }
}
