package io.cordum.core.internal.scheduler;

import io.cordum.api.BackendException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A bus whose first {@code failures} publishes to subjects with a prefix fail. */
class FailingBus implements Bus {
  private final Bus delegate;
  private final String prefix;
  private final AtomicInteger failures;

  FailingBus(Bus delegate, String prefix, int failures) {
    this.delegate = delegate;
    this.prefix = prefix;
    this.failures = new AtomicInteger(failures);
  }

  @Override
  public void publish(String subject, BusPacket packet) {
    if (subject.startsWith(prefix) && failures.getAndDecrement() > 0) {
      throw new BackendException("bus down (test)", null);
    }
    delegate.publish(subject, packet);
  }

  @Override
  public Subscription subscribe(
      String subject, @Nullable String queueGroup, MessageHandler handler) {
    return delegate.subscribe(subject, queueGroup, handler);
  }

  @Override
  public void close() {}
}
