package io.cordum.core;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduled executor Cordum creates when the host gives none: daemon threads named {@code
 * cordum-N}. Cordum shuts down only executors of this type, never the host's.
 */
final class CordumThreadPool extends ScheduledThreadPoolExecutor {
  private static final AtomicInteger SEQ = new AtomicInteger();

  CordumThreadPool(int threads) {
    super(
        threads,
        r -> {
          Thread t = new Thread(r, "cordum-" + SEQ.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    setRemoveOnCancelPolicy(true);
  }
}
