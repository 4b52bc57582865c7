/**
 * The safety kernel and its companions: the kernel (policy sources, snapshots, hot reload with
 * last-known-good, signatures, decision cache, audit), the scheduler-side circuit breaker, the
 * policy bundle service and the explicit allow-all default gate. Internal: may change without
 * notice.
 */
@NullMarked
package io.cordum.core.internal.policy;

import org.jspecify.annotations.NullMarked;
