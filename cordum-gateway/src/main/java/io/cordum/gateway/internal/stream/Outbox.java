package io.cordum.gateway.internal.stream;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The frames waiting for one stream client: a bounded queue drained by a shared pool of sender
 * threads, in order, with at most {@link #MAX_IN_FLIGHT} frames handed to the transport and not yet
 * written.
 *
 * <p>{@link #offer} never blocks and never sends: it queues the frame and, unless a sender already
 * owns this outbox, hands the outbox to the pool. So the thread that fans an event out (a bus
 * handler) does the same small amount of work per client whatever the clients do, and a client
 * whose socket is blocked holds its frames in flight, its queue, and no thread. A queue that is
 * full when a frame arrives closes the client with {@link #SLOW_CODE} and {@link #slowReason(int)};
 * its queue is dropped at once.
 *
 * <p>A sender sends frames until the queue is empty, {@link #MAX_IN_FLIGHT} frames are in flight (a
 * completion hands the outbox back to the pool), or {@link #BATCH} frames went out (the outbox goes
 * to the back of the pool's queue, so that one busy client cannot starve the others). At most one
 * pool task per outbox is queued or running at any time.
 */
final class Outbox {
  /** The close code of a client that fell behind (RFC 6455 "policy violation"). */
  static final int SLOW_CODE = 1008;

  /** The close code when a send failed. */
  static final int SEND_FAILED_CODE = 1011;

  /** Frames one sender turn sends to one client before it yields to the others. */
  static final int BATCH = 64;

  /**
   * Frames handed to the transport and not yet completed, at most, per client. More than one lets
   * Jetty write the frames that queued up behind a write in one gathering write (one system call
   * instead of one per frame) when a client falls a little behind.
   */
  static final int MAX_IN_FLIGHT = 8;

  /** The reason sent with {@link #SLOW_CODE}. */
  static String slowReason(int capacity) {
    return "too slow: more than " + capacity + " events waiting; reconnect and consider filters";
  }

  /** Where frames go: a WebSocket session, or a fake in tests. */
  interface Transport {
    /**
     * Starts sending one text frame; calls {@code done} once, on any thread (possibly before
     * returning), with {@code null} on success or the failure.
     */
    void send(String text, java.util.function.Consumer<@Nullable Throwable> done);

    /** Closes the connection with a code and a reason; must not block. */
    void close(int code, String reason);
  }

  /** Told when the outbox closes (once). */
  interface Closed {
    void closed(Outbox outbox, int code, String reason);
  }

  private final Transport transport;
  private final Executor senders;
  private final int capacity;
  private final ArrayBlockingQueue<String> queue;
  private final Closed onClose;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final int maxInFlight;
  private final Runnable drain = this::drain;

  Outbox(Transport transport, Executor senders, int capacity, Closed onClose) {
    this(transport, senders, capacity, MAX_IN_FLIGHT, onClose);
  }

  Outbox(Transport transport, Executor senders, int capacity, int maxInFlight, Closed onClose) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
    this.transport = transport;
    this.senders = senders;
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.onClose = onClose;
  }

  /**
   * Queues a frame for sending; never blocks. Returns false when the outbox is closed, or was full
   * and is now closed as too slow.
   */
  boolean offer(String text) {
    if (closed.get()) {
      return false;
    }
    if (!queue.offer(text)) {
      close(SLOW_CODE, slowReason(capacity));
      return false;
    }
    // With no room in flight, the next completion sees this frame and takes over.
    if (inFlight.get() < maxInFlight && scheduled.compareAndSet(false, true)) {
      submit();
    }
    return true;
  }

  /** Frames waiting (not counting those in flight). */
  int queued() {
    return queue.size();
  }

  /** The most frames that can wait. */
  int capacity() {
    return capacity;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Closes with a code and a reason, once; drops the queued frames. */
  void close(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.clear();
    try {
      transport.close(code, reason);
    } finally {
      onClose.closed(this, code, reason);
    }
  }

  /** Marks the outbox closed after its connection closed on its own; drops the queued frames. */
  void abandon() {
    if (closed.compareAndSet(false, true)) {
      queue.clear();
    }
  }

  /** Hands the outbox (owned by the caller: {@code scheduled} is true) to the pool. */
  private void submit() {
    try {
      senders.execute(drain);
    } catch (RejectedExecutionException e) {
      close(1001, "server shutting down");
    }
  }

  /**
   * Sends while there are frames and room in flight. Only the owner of {@code scheduled} sends, so
   * frames reach the transport in queue order. Whoever gives up ownership (the drain, for lack of
   * frames or of room) checks again afterwards whether the other condition changed meanwhile, as
   * does a completion after it frees room: between them, a frame is never left waiting while nobody
   * owns the outbox.
   */
  private void drain() {
    for (int sent = 0; sent < BATCH; sent++) {
      if (closed.get()) {
        return;
      }
      if (inFlight.get() >= maxInFlight || queue.isEmpty()) {
        scheduled.set(false);
        if (inFlight.get() >= maxInFlight
            || queue.isEmpty()
            || !scheduled.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      String next = queue.poll();
      if (next == null) {
        continue; // cannot happen with one owner, but harmless
      }
      inFlight.incrementAndGet();
      try {
        transport.send(next, this::sent);
      } catch (RuntimeException e) {
        sent(e);
      }
    }
    submit(); // yield to the other clients; still owned
  }

  /** A send completed (on any thread, possibly inside {@code transport.send}). */
  private void sent(@Nullable Throwable failure) {
    if (failure != null) {
      close(SEND_FAILED_CODE, "send failed");
      return;
    }
    inFlight.decrementAndGet();
    if (!closed.get() && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      submit();
    }
  }
}
