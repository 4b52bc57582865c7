package io.cordum.core.internal.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's counters. {@link #NOOP} costs nothing; {@link #micrometer(MeterRegistry)}
 * registers {@code
 * cordum.scheduler.jobs.received|dispatched|completed|retried|deferred|dead_lettered} and {@code
 * cordum.scheduler.safety.denied} (Prometheus: {@code cordum_scheduler_jobs_received_total} and so
 * on), tagged by topic, status or reason code.
 */
public interface SchedulerMetrics {
  /** A submit was accepted for processing. */
  void received(String topic);

  /** A job was published to a worker or pool. */
  void dispatched(String topic);

  /** A job reached a terminal state ({@code status} is the CAP status name). */
  void completed(String topic, String status);

  /** A failed or timed-out attempt was scheduled for a retry. */
  void retried(String topic);

  /** The safety gate denied a job. */
  void safetyDenied(String topic);

  /**
   * A job could not be scheduled now and waits (no workers, overloaded, tenant limit, throttled,
   * safety gate unavailable), tagged by reason code.
   */
  default void deferred(String reasonCode) {}

  /** A dead-letter record was emitted with this reason code. */
  void deadLettered(String reasonCode);

  /** Metrics that record nothing. */
  SchedulerMetrics NOOP =
      new SchedulerMetrics() {
        @Override
        public void received(String topic) {}

        @Override
        public void dispatched(String topic) {}

        @Override
        public void completed(String topic, String status) {}

        @Override
        public void retried(String topic) {}

        @Override
        public void safetyDenied(String topic) {}

        @Override
        public void deadLettered(String reasonCode) {}
      };

  /** Metrics recorded in a Micrometer registry. */
  static SchedulerMetrics micrometer(MeterRegistry registry) {
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    return new SchedulerMetrics() {
      private void inc(String name, String... tags) {
        String key = name + String.join("|", tags);
        counters
            .computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry))
            .increment();
      }

      @Override
      public void received(String topic) {
        inc("cordum.scheduler.jobs.received", "topic", topic);
      }

      @Override
      public void dispatched(String topic) {
        inc("cordum.scheduler.jobs.dispatched", "topic", topic);
      }

      @Override
      public void completed(String topic, String status) {
        inc("cordum.scheduler.jobs.completed", "topic", topic, "status", status);
      }

      @Override
      public void retried(String topic) {
        inc("cordum.scheduler.jobs.retried", "topic", topic);
      }

      @Override
      public void safetyDenied(String topic) {
        inc("cordum.scheduler.safety.denied", "topic", topic);
      }

      @Override
      public void deferred(String reasonCode) {
        inc("cordum.scheduler.jobs.deferred", "reason_code", reasonCode);
      }

      @Override
      public void deadLettered(String reasonCode) {
        inc("cordum.scheduler.jobs.dead_lettered", "reason_code", reasonCode);
      }
    };
  }
}
