/**
 * The scheduler: takes job requests from {@code sys.job.submit}, asks the safety gate, routes each
 * job to a worker pool (least-loaded worker on its direct subject, else the pool topic), tracks it
 * to a terminal state, times it out, retries it and dead-letters it with a reason code. Internal:
 * may change without notice.
 */
@NullMarked
package io.cordum.core.internal.scheduler;

import org.jspecify.annotations.NullMarked;
