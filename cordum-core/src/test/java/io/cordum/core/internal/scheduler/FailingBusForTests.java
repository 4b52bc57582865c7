package io.cordum.core.internal.scheduler;

import io.cordum.api.bus.Bus;

/** Public face of {@link FailingBus} for tests in other packages. */
public final class FailingBusForTests {
  private FailingBusForTests() {}

  /** A bus whose first {@code failures} publishes to subjects with the prefix fail. */
  public static Bus create(Bus delegate, String prefix, int failures) {
    return new FailingBus(delegate, prefix, failures);
  }
}
