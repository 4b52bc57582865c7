package io.cordum.memory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names threads {@code <prefix>N} and makes them daemons, so a forgotten bus never blocks exit. */
final class DaemonThreadFactory implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger counter;

  DaemonThreadFactory(String prefix, AtomicInteger counter) {
    this.prefix = prefix;
    this.counter = counter;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + counter.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
