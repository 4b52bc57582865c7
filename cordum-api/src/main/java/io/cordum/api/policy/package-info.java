/**
 * The safety SPI and the safety kernel's public types: the {@link io.cordum.api.policy.SafetyGate}
 * the scheduler asks before any job runs and the decision records it returns (decision,
 * constraints, remediations, approvals); the {@link io.cordum.api.policy.SafetyKernel}'s
 * operations; human {@link io.cordum.api.policy.Approvals}; and policy bundles with their store SPI
 * {@link io.cordum.api.policy.PolicyBundleStore}.
 */
@NullMarked
package io.cordum.api.policy;

import org.jspecify.annotations.NullMarked;
