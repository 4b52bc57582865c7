/**
 * The safety SPI: the {@link io.cordum.api.policy.SafetyGate} the scheduler asks before any job
 * runs, and the decision records it returns (decision, constraints, remediations).
 */
@NullMarked
package io.cordum.api.policy;

import org.jspecify.annotations.NullMarked;
