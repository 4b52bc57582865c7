package io.cordum.memory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the messages a bus still owes a handler (queued, in flight or awaiting redelivery) and
 * lets a caller wait until there are none. The lock is taken only when the count reaches zero, so
 * the hot path is one atomic add.
 */
final class WorkCounter {
  private final AtomicLong pending = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();

  void increment() {
    pending.incrementAndGet();
  }

  void decrement() {
    if (pending.decrementAndGet() == 0) {
      lock.lock();
      try {
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  long get() {
    return pending.get();
  }

  /** Waits until the count is zero; false on timeout. */
  boolean awaitZero(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      // Checked under the lock that decrement() signals under, so no wake-up is lost.
      while (pending.get() != 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
