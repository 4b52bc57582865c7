package io.cordum.worker;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a delegate executor, at most {@code limit} at a time; the others wait here in
 * arrival order. A delegate thread that finishes a task goes on with the next waiting one, so a
 * host executor with more threads (a cached pool, virtual threads) still runs at most {@code limit}
 * jobs at once.
 */
final class BoundedExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(BoundedExecutor.class);

  private final Executor delegate;
  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  BoundedExecutor(Executor delegate, int limit) {
    this.delegate = delegate;
    this.limit = limit;
  }

  /**
   * Starts the task on the delegate, or queues it when {@code limit} tasks are running.
   *
   * @throws RejectedExecutionException if the delegate rejects it (it is not queued then)
   */
  @Override
  public void execute(Runnable task) {
    lock.lock();
    try {
      if (running >= limit) {
        waiting.add(task);
        return;
      }
      running++;
    } finally {
      lock.unlock();
    }
    start(task);
  }

  private void start(Runnable first) {
    try {
      delegate.execute(() -> drain(first));
    } catch (RuntimeException e) {
      lock.lock();
      try {
        running--;
      } finally {
        lock.unlock();
      }
      throw e;
    }
  }

  private void drain(Runnable first) {
    Runnable task = first;
    while (task != null) {
      boolean returned = false;
      try {
        task.run();
        returned = true;
      } catch (RuntimeException e) {
        returned = true;
        log.warn("a job task failed", e);
      } finally {
        if (!returned) {
          handOffAfterError(); // an Error escaped: let a fresh delegate task take over the queue
        }
      }
      task = next();
    }
  }

  /** The next waiting task (which takes over this slot), or null after freeing the slot. */
  private @Nullable Runnable next() {
    lock.lock();
    try {
      Runnable task = waiting.poll();
      if (task == null) {
        running--;
      }
      return task;
    } finally {
      lock.unlock();
    }
  }

  private void handOffAfterError() {
    Runnable task = next();
    if (task != null) {
      try {
        start(task);
      } catch (RuntimeException e) {
        log.error("a waiting job task was dropped: the executor rejected it", e);
      }
    }
  }
}
