/**
 * Scheduler settings, part of the public API: {@link io.cordum.core.scheduler.SchedulerConfig} with
 * {@link io.cordum.core.scheduler.PoolConfig} ({@code pools.yaml}), {@link
 * io.cordum.core.scheduler.TimeoutConfig} ({@code timeouts.yaml}) and {@link
 * io.cordum.core.scheduler.RetryPolicy}, and the catalog of {@link
 * io.cordum.core.scheduler.ReasonCodes} that jobs end with. Pass them to {@link
 * io.cordum.core.Cordum.Builder}.
 */
@NullMarked
package io.cordum.core.scheduler;

import org.jspecify.annotations.NullMarked;
