package io.cordum.worker;

import java.lang.management.ManagementFactory;

/** Where a worker's heartbeat takes its CPU load from. */
@FunctionalInterface
public interface CpuLoad {
  /** The CPU load in percent, 0 to 100. */
  float percent();

  /**
   * The machine's recent CPU load, as the JVM reports it (0 when the JVM cannot tell). The
   * scheduler uses it only to choose between workers running the same number of jobs: a Java worker
   * declares {@code maxParallel}, so whether it takes more jobs is judged by the jobs it runs,
   * never by the machine's load (which other processes drive).
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

  /** A fixed value (for tests, or 0 to report no CPU load at all). */
  static CpuLoad fixed(float percent) {
    return () -> percent;
  }
}
