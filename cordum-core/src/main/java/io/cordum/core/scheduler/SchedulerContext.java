package io.cordum.core.scheduler;

import io.cordum.api.bus.Bus;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.core.internal.TerminalWatcher;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledExecutorService;
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
    @Nullable DeadLetterStore deadLetters) {

  static final String SENDER = "cordum-scheduler";

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
