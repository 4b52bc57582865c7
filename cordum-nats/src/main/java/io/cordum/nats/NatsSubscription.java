package io.cordum.nats;

import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One subscription of a {@link NatsBus}: its own dispatcher (so one slow handler never holds up
 * another subscription) and the mapping from handler outcomes to acks.
 */
final class NatsSubscription implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(NatsSubscription.class);

  private final NatsBus bus;
  private final String subject;
  private final @Nullable String queue;
  private final MessageHandler handler;
  // Core-mode redeliveries run on another thread: the lock keeps handling one at a time.
  private final ReentrantLock serial = new ReentrantLock();
  private @Nullable Dispatcher dispatcher;
  private @Nullable JetStreamSubscription jsSub;
  private volatile boolean active = true;

  NatsSubscription(NatsBus bus, String subject, @Nullable String queue, MessageHandler handler) {
    this.bus = bus;
    this.subject = subject;
    this.queue = queue;
    this.handler = handler;
  }

  void attachCore(Dispatcher d) {
    this.dispatcher = d;
  }

  void attachJetStream(Dispatcher d, JetStreamSubscription s) {
    this.dispatcher = d;
    this.jsSub = s;
  }

  /** Core NATS delivery: no acks; a retry is a local redelivery after the delay. */
  void onCore(Message msg) {
    if (!active) {
      return;
    }
    BusPacket packet = bus.decode(msg);
    if (packet != null) {
      deliverCore(msg.getSubject(), packet, 1, NatsBus.messageIdOf(msg));
    }
  }

  private void deliverCore(String subj, BusPacket packet, int attempt, String messageId) {
    if (!active) {
      return;
    }
    Duration retry = handle(new BusMessage(subj, packet, attempt, messageId));
    if (retry == null) {
      return;
    }
    if (bus.maxDeliverReached(attempt)) {
      bus.dropped(subj, attempt);
      return;
    }
    var unused =
        bus.redeliveries()
            .schedule(
                () -> deliverCore(subj, packet, attempt + 1, messageId),
                retry.toMillis(),
                TimeUnit.MILLISECONDS);
  }

  /** JetStream delivery: ack, NAK with delay, or terminate after the last allowed delivery. */
  void onJetStream(Message msg) {
    if (!active) {
      msg.nak(); // closing: leave it to another member of the group
      return;
    }
    BusPacket packet = bus.decode(msg);
    if (packet == null) {
      msg.ack(); // malformed: never redeliver what can never be read
      return;
    }
    int attempt = (int) Math.min(Integer.MAX_VALUE, msg.metaData().deliveredCount());
    Duration retry =
        handle(new BusMessage(msg.getSubject(), packet, attempt, NatsBus.messageIdOf(msg)));
    if (retry == null) {
      msg.ack();
    } else if (bus.maxDeliverReached(attempt)) {
      bus.dropped(msg.getSubject(), attempt);
      msg.term();
    } else if (retry.isZero()) {
      msg.nak();
    } else {
      msg.nakWithDelay(retry);
    }
  }

  /** Runs the handler; returns the retry delay it asked for, or {@code null} to acknowledge. */
  private @Nullable Duration handle(BusMessage m) {
    serial.lock();
    try {
      MDC.put("subject", m.subject());
      handler.handle(m);
      return null;
    } catch (Exception e) {
      RetryLaterException retry = retryLater(e);
      if (retry != null) {
        return retry.delay();
      }
      bus.handlerFailed(m.subject(), e);
      return null;
    } finally {
      MDC.remove("subject");
      serial.unlock();
    }
  }

  private static @Nullable RetryLaterException retryLater(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryLaterException r) {
        return r;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public @Nullable String queueGroup() {
    return queue;
  }

  @Override
  public boolean isActive() {
    return active && !bus.isClosed();
  }

  @Override
  public void close() {
    if (!active) {
      return;
    }
    active = false;
    try {
      if (dispatcher != null && jsSub != null) {
        // A dispatcher's subscription unsubscribes through it. Messages already buffered for it
        // and not yet handled come back after the ack wait (draining instead left a resumed
        // durable without deliveries in tests).
        dispatcher.unsubscribe(jsSub);
      }
    } catch (RuntimeException e) {
      log.debug("unsubscribe from {} failed: {}", subject, e.toString());
    }
    try {
      // Unsubscribing is asynchronous: wait until the server has it, so nothing published after
      // close() returns is routed to this subscription.
      bus.connection().flush(Duration.ofSeconds(2));
    } catch (java.util.concurrent.TimeoutException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.debug("flush after unsubscribing from {} failed: {}", subject, e.toString());
    }
    try {
      if (dispatcher != null) {
        bus.connection().closeDispatcher(dispatcher);
      }
    } catch (RuntimeException e) {
      log.debug("closing the dispatcher of {} failed: {}", subject, e.toString());
    }
    bus.forget(this);
  }
}
