package io.cordum.core.internal.backends;

import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Subjects;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A bus that knows when it is quiet, over any bus (in-memory or NATS). Each publish counts the
 * deliveries it will cause (one per matching subscription without a queue group, one per queue
 * group) and a delivery stays pending until its handler returns, so a test on a real bus can wait
 * until every message, and every message its handlers published, has been handled. Every publisher
 * and subscriber of the test goes through it. A handler that asks for a retry keeps its delivery
 * pending (the bus delivers it again); one that fails is counted.
 */
public final class TrackingBus implements Bus {
  private final Bus delegate;
  private final Set<Tracked> subscriptions = ConcurrentHashMap.newKeySet();

  /** Pending deliveries per receiver: a queue group, or one subscription without a group. */
  private final ConcurrentHashMap<Object, AtomicLong> pending = new ConcurrentHashMap<>();

  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public TrackingBus(Bus delegate) {
    this.delegate = delegate;
  }

  /** The bus underneath. */
  public Bus delegate() {
    return delegate;
  }

  @Override
  public void publish(String subject, BusPacket packet) {
    count(subject);
    delegate.publish(subject, packet);
  }

  @Override
  public void publish(String subject, BusPacket packet, String messageId) {
    count(subject);
    delegate.publish(subject, packet, messageId);
  }

  private void count(String subject) {
    Set<Object> receivers = new HashSet<>();
    for (Tracked t : subscriptions) {
      if (t.active && Subjects.matches(t.pattern, subject)) {
        receivers.add(t.receiver);
      }
    }
    receivers.forEach(r -> counter(r).incrementAndGet());
  }

  private AtomicLong counter(Object receiver) {
    return pending.computeIfAbsent(receiver, r -> new AtomicLong());
  }

  @Override
  public Subscription subscribe(
      String subject, @Nullable String queueGroup, MessageHandler handler) {
    Tracked t = new Tracked(subject, queueGroup);
    subscriptions.add(t);
    try {
      t.inner = delegate.subscribe(subject, queueGroup, wrap(t, handler));
    } catch (RuntimeException e) {
      subscriptions.remove(t);
      throw e;
    }
    return t;
  }

  @Override
  public Subscription observe(String subject, MessageHandler handler) {
    Tracked t = new Tracked(subject, null);
    subscriptions.add(t);
    t.inner = delegate.observe(subject, wrap(t, handler));
    return t;
  }

  private MessageHandler wrap(Tracked t, MessageHandler handler) {
    return m -> {
      boolean done = true;
      try {
        handler.handle(m);
      } catch (RetryLaterException e) {
        retries.incrementAndGet();
        done = false;
        throw e;
      } catch (Exception | Error e) {
        failures.incrementAndGet();
        throw e;
      } finally {
        if (done) {
          // Never below zero: a message from outside this bus (another client) was not counted.
          counter(t.receiver).updateAndGet(v -> Math.max(0, v - 1));
        }
      }
    };
  }

  @Override
  public boolean hasSubscribers(String subject) {
    return delegate.hasSubscribers(subject);
  }

  /** True when every delivery counted so far has been handled. */
  public boolean quiet() {
    return pending.values().stream().allMatch(c -> c.get() <= 0);
  }

  /** How many deliveries a handler asked to retry later. */
  public long retries() {
    return retries.get();
  }

  /** How many deliveries a handler failed (threw anything but a retry-later). */
  public long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class Tracked implements Subscription {
    final String pattern;
    final @Nullable String queueGroup;
    final Object receiver;
    volatile boolean active = true;
    @Nullable Subscription inner;

    Tracked(String pattern, @Nullable String queueGroup) {
      this.pattern = pattern;
      this.queueGroup = queueGroup;
      this.receiver = queueGroup == null ? this : "queue:" + queueGroup;
    }

    @Override
    public String subject() {
      return pattern;
    }

    @Override
    public @Nullable String queueGroup() {
      return queueGroup;
    }

    @Override
    public boolean isActive() {
      return inner != null && inner.isActive();
    }

    @Override
    public void close() {
      active = false;
      subscriptions.remove(this);
      if (queueGroup == null) {
        // Its undelivered messages never come.
        pending.remove(receiver);
      }
      if (inner != null) {
        inner.close();
      }
    }
  }
}
