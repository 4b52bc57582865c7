package io.cordum.memory;

import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One subscription of an {@link InMemoryBus}: a serial mailbox run on the bus's shared executor,
 * actor-style. Messages are queued in arrival order; at most one task drains the queue at a time
 * (the {@code scheduled} flag), so the handler sees one message at a time without owning a thread.
 */
final class MemorySubscription implements Subscription {
  /** Messages handled per executor task before yielding, so one busy mailbox cannot hog a pool. */
  private static final int BATCH = 64;

  /** MDC key set to the message subject while a handler runs. */
  static final String MDC_SUBJECT = "subject";

  private final InMemoryBus bus;
  private final String subject;
  private final @Nullable String queueGroup;
  private final MessageHandler handler;
  private final Executor executor;
  private final Queue<Delivery> mailbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean active = new AtomicBoolean(true);

  MemorySubscription(
      InMemoryBus bus,
      String subject,
      @Nullable String queueGroup,
      MessageHandler handler,
      Executor executor) {
    this.bus = bus;
    this.subject = subject;
    this.queueGroup = queueGroup;
    this.handler = handler;
    this.executor = executor;
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public @Nullable String queueGroup() {
    return queueGroup;
  }

  @Override
  public boolean isActive() {
    return active.get();
  }

  /** Closes the subscription; queued messages go to another member of its queue group. */
  @Override
  public void close() {
    if (active.compareAndSet(true, false)) {
      bus.unregister(this);
      handOffPending();
    }
  }

  /** Queues a message; the bus has already counted it as pending work. */
  void enqueue(Delivery delivery) {
    mailbox.add(delivery);
    schedule();
  }

  private void schedule() {
    if (!active.get()) {
      // Covers a message that raced with close(): it was routed here just as we closed.
      handOffPending();
      return;
    }
    if (!scheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      scheduled.set(false);
      Delivery d;
      while ((d = mailbox.poll()) != null) {
        bus.drop(d, "the executor rejected the delivery task (" + e.getMessage() + ")");
      }
    }
  }

  private void handOffPending() {
    Delivery d;
    while ((d = mailbox.poll()) != null) {
      bus.handOff(this, d);
    }
  }

  private void drain() {
    boolean interrupted = false;
    try {
      for (int n = 0; n < BATCH && active.get(); n++) {
        Delivery d = mailbox.poll();
        if (d == null) {
          break;
        }
        interrupted |= handle(d);
      }
    } finally {
      scheduled.set(false);
    }
    // A message may have arrived after the last poll but before the flag was cleared.
    if (!mailbox.isEmpty()) {
      schedule();
    }
    if (interrupted) {
      Thread.currentThread().interrupt(); // leave the interrupt for the thread's owner to see
    }
  }

  /** Runs the handler on one message; returns whether the handler was interrupted. */
  private boolean handle(Delivery d) {
    String previousSubject = MDC.get(MDC_SUBJECT);
    MDC.put(MDC_SUBJECT, d.subject());
    InMemoryBus previousBus = InMemoryBus.enterHandler(bus);
    try {
      handler.handle(d.toMessage());
      bus.acknowledged();
      return false;
    } catch (Throwable t) {
      RetryLaterException retry = retryLater(t);
      if (retry != null) {
        bus.retryLater(this, d, retry);
      } else {
        bus.handlerFailed(this, d, t);
      }
      if (t instanceof VirtualMachineError e) {
        throw e;
      }
      return t instanceof InterruptedException;
    } finally {
      InMemoryBus.exitHandler(previousBus);
      if (previousSubject == null) {
        MDC.remove(MDC_SUBJECT);
      } else {
        MDC.put(MDC_SUBJECT, previousSubject);
      }
    }
  }

  /** The retry request in the cause chain, if any: a wrapped RetryLaterException still counts. */
  private static @Nullable RetryLaterException retryLater(Throwable t) {
    @Nullable Throwable c = t;
    for (int depth = 0; c != null && depth < 16; depth++, c = c.getCause()) {
      if (c instanceof RetryLaterException r) {
        return r;
      }
    }
    return null;
  }

  /** Marks the subscription closed by its bus; queued messages are dropped by the bus. */
  void closeByBus() {
    if (active.compareAndSet(true, false)) {
      handOffPending();
    }
  }

  @Override
  public String toString() {
    return "Subscription["
        + subject
        + (queueGroup == null ? "" : ", queue=" + queueGroup)
        + (active.get() ? "" : ", closed")
        + "]";
  }
}
