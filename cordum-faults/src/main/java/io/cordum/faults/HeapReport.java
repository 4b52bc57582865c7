package io.cordum.faults;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints {@code HEAP <epoch ms> <old gen bytes> <heap bytes>} lines: the old generation's occupancy
 * after its last collection (what stays live; -1 before the first), and the whole heap's occupancy
 * just after the last collection of any kind (-1 before the first), the figures a soak run watches
 * for growth. No GC is forced.
 */
final class HeapReport {
  private HeapReport() {}

  static void every(Duration interval) {
    ScheduledExecutorService ses =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heap-report");
              t.setDaemon(true);
              return t;
            });
    var unused =
        ses.scheduleAtFixedRate(
            HeapReport::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void report() {
    long live = -1;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage after = pool.getCollectionUsage();
      if (after != null && pool.getName().matches("(?i).*(tenured|old).*")) {
        live = after.getUsed();
      }
    }
    System.out.println("HEAP " + System.currentTimeMillis() + " " + live + " " + heapAfterLastGc());
    System.out.flush();
  }

  /** The heap pools' occupancy after the most recent collection, or -1 when none ran yet. */
  private static long heapAfterLastGc() {
    com.sun.management.GcInfo latest = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
        com.sun.management.GcInfo info = sun.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return -1;
    }
    long sum = 0;
    Map<String, MemoryUsage> after = latest.getMemoryUsageAfterGc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage u = after.get(pool.getName());
      if (pool.getType() == MemoryType.HEAP && u != null) {
        sum += u.getUsed();
      }
    }
    return sum;
  }
}
