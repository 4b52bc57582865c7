package io.cordum.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, kept in full (runs are small) for exact percentiles. */
final class Histogram {
  private long[] values = new long[1024];
  private int n;

  synchronized void record(long nanos) {
    if (n == values.length) {
      values = Arrays.copyOf(values, n * 2);
    }
    values[n++] = nanos;
  }

  synchronized double percentileMicros(double p) {
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int idx = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
    return sorted[idx] / 1000.0;
  }

  synchronized int count() {
    return n;
  }

  /** Adds every value of another histogram. */
  void addAll(Histogram other) {
    long[] copy;
    synchronized (other) {
      copy = Arrays.copyOf(other.values, other.n);
    }
    for (long v : copy) {
      record(v);
    }
  }
}
