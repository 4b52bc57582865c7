/**
 * The scheduler: takes job requests from {@code sys.job.submit}, asks the safety gate, routes each
 * job to a worker pool (least-loaded worker on its direct subject, else the pool topic), tracks it
 * to a terminal state, times it out, retries it and dead-letters it with a reason code.
 *
 * <p>Configuration: {@link io.cordum.core.scheduler.SchedulerConfig} with
 * {@link io.cordum.core.scheduler.PoolConfig} ({@code pools.yaml}),
 * {@link io.cordum.core.scheduler.TimeoutConfig} ({@code timeouts.yaml}) and
 * {@link io.cordum.core.scheduler.RetryPolicy}.
 */
@NullMarked
package io.cordum.core.scheduler;

import org.jspecify.annotations.NullMarked;
