package io.cordum.core;

import io.cordum.core.internal.policy.DefaultSafetyKernel;
import io.cordum.core.policy.SafetyKernelConfig;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The kernel of an assembled Cordum, if one is configured (a {@link SafetyKernelConfig} is bound):
 * the Guice modules provide it once and share it between the safety gate, the bundle service and
 * {@code Cordum.safetyKernel()}.
 */
final class SafetyKernelHolder implements AutoCloseable {
  private final @Nullable DefaultSafetyKernel kernel;

  /** Holds {@code kernel} (or none). */
  SafetyKernelHolder(@Nullable DefaultSafetyKernel kernel) {
    this.kernel = kernel;
  }

  /** The kernel, if configured. */
  Optional<DefaultSafetyKernel> kernel() {
    return Optional.ofNullable(kernel);
  }

  /** Stops the kernel's reload ticker. */
  @Override
  public void close() {
    if (kernel != null) {
      kernel.close();
    }
  }
}
