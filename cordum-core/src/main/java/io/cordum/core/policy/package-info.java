/**
 * Safety kernel settings, part of the public API: {@link io.cordum.core.policy.SafetyKernelConfig}
 * and its {@link io.cordum.core.policy.PolicySource}. Pass them to {@link
 * io.cordum.core.Cordum.Builder#safetyKernel}; the kernel itself is reached as {@link
 * io.cordum.api.policy.SafetyKernel} through {@link io.cordum.core.Cordum#safetyKernel()}.
 */
@NullMarked
package io.cordum.core.policy;

import org.jspecify.annotations.NullMarked;
