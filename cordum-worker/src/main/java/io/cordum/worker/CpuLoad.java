package io.cordum.worker;

import java.lang.management.ManagementFactory;

/** Where a worker's heartbeat takes its CPU load from. */
@FunctionalInterface
public interface CpuLoad {
  /** The CPU load in percent, 0 to 100. */
  float percent();

  /**
   * The machine's recent CPU load, as the JVM reports it (0 when the JVM cannot tell). The
   * scheduler treats a worker at 90 % or more as overloaded.
   */
  static CpuLoad system() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return () -> {
        double load = sun.getCpuLoad();
        return load < 0 ? 0f : (float) Math.min(100.0, load * 100.0);
      };
    }
    return () -> 0f;
  }

  /** A fixed value (for tests, or to opt out of CPU-based overload detection with 0). */
  static CpuLoad fixed(float percent) {
    return () -> percent;
  }
}
