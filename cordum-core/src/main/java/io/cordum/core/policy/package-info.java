/**
 * The safety kernel and its companions: {@link io.cordum.core.policy.DefaultSafetyKernel} (policy
 * sources, snapshots, hot reload with last-known-good, signatures, decision cache, audit), its
 * settings {@link io.cordum.core.policy.SafetyKernelConfig}, the scheduler-side
 * {@link io.cordum.core.policy.CircuitBreakerSafetyGate}, the Policy Studio operations of
 * {@link io.cordum.core.policy.PolicyBundleService}, and the explicit allow-all default gate.
 */
@NullMarked
package io.cordum.core.policy;

import org.jspecify.annotations.NullMarked;
