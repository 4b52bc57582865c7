package io.cordum.core.internal.scheduler;

import io.cordum.api.bus.Bus;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.Tracing;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** What the scheduler's parts share. */
record SchedulerContext(
    Bus bus,
    JobStore store,
    WorkerRegistry registry,
    LeaseStore leases,
    SafetyGate gate,
    RoutingStrategy strategy,
    SchedulerConfig config,
    InstantSource clock,
    SchedulerMetrics metrics,
    @Nullable TerminalWatcher watcher,
    @Nullable EffectiveConfigProvider effectiveConfig,
    InflightTracker inflight,
    ScheduledExecutorService executor,
    @Nullable DeadLetterStore deadLetters,
    AtomicReference<TimeoutConfig> liveTimeouts,
    WorkerLiveness liveness,
    Tracing tracing) {

  static final String SENDER = "cordum-scheduler";

  /** The timeouts in force: the configured ones until a hot reload replaces them. */
  TimeoutConfig timeouts() {
    // Scheduler sets it at construction and on reload, never to null.
    return Objects.requireNonNull(liveTimeouts.get());
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
