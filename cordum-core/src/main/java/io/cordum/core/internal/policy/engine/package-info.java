/**
 * The safety kernel's policy engine: the policy document model, its parser and validator, glob
 * matching, and the pure evaluation function from a compiled policy and a job request to a
 * decision. No I/O and no state: the kernel in {@code io.cordum.core.policy} loads sources and
 * swaps compiled policies.
 */
@NullMarked
package io.cordum.core.internal.policy.engine;

import org.jspecify.annotations.NullMarked;
