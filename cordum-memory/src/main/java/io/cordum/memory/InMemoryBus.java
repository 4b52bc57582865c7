package io.cordum.memory;

import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Subjects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Bus} inside one JVM, with the NATS semantics of the bus contract: {@code *} and {@code
 * >} wildcards, plain subscribers that each get every message, queue groups whose members compete
 * (round-robin), one-at-a-time in-order delivery per subscription, and a scheduled redelivery when
 * a handler throws {@link RetryLaterException}. Delivery is at most once: nothing survives the JVM.
 *
 * <pre>{@code
 * try (InMemoryBus bus = InMemoryBus.builder().build()) {
 *   bus.subscribe("job.>", "workers", msg -> handle(msg));
 *   bus.publish("job.default", packet);
 * }
 * }</pre>
 *
 * <p>{@link #publish} returns at once; handlers run on the {@linkplain Builder#executor executor}.
 * Each subscription is a serial mailbox drained by one executor task at a time, so a slow handler
 * delays only its own subscription (given an executor with more than one thread). A handler outcome
 * is handled as follows:
 *
 * <ul>
 *   <li>return: acknowledged;
 *   <li>{@link RetryLaterException}, thrown or anywhere in the cause chain: delivered again after
 *       its delay with {@code deliveryAttempt + 1}, to a member of the same queue group chosen
 *       among the members active then (or to the same subscription when it has none). After
 *       {@linkplain Builder#maxDeliver maxDeliver} attempts the message is dropped;
 *   <li>any other exception: logged at WARN, counted in {@link #handlerFailures()}, never
 *       redelivered.
 * </ul>
 *
 * Closing a subscription hands its queued messages to another active member of its queue group, if
 * any. Messages the bus discards without a handler acknowledging them (maxDeliver reached, no
 * member left, bus closed, executor rejection) are counted in {@link #droppedMessages()}. A message
 * that matches no subscription is not counted: like NATS, the bus has nobody to give it to.
 *
 * <p>While a handler runs, the SLF4J MDC holds the message subject under the key {@code subject}.
 * After {@link #close()}, {@code publish} and {@code subscribe} throw {@link
 * IllegalStateException}. Thread-safe.
 */
public final class InMemoryBus implements Bus {
  /** The {@link Builder#maxDeliver(int)} value meaning "redeliver for as long as asked". */
  public static final int UNLIMITED_DELIVERIES = -1;

  /** Default for {@link Builder#maxDeliver(int)}: unlimited, as NATS JetStream's default. */
  public static final int DEFAULT_MAX_DELIVER = UNLIMITED_DELIVERIES;

  /** Default for {@link Builder#shutdownTimeout(Duration)}: 5 seconds. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(InMemoryBus.class);
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  // The bus whose handler the current thread is running, so close() from a handler won't wait on
  // itself.
  private static final ThreadLocal<@Nullable InMemoryBus> HANDLING = new ThreadLocal<>();

  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final int maxDeliver;
  private final Duration shutdownTimeout;

  private final List<MemorySubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
  private final Set<Redelivery> redeliveries = ConcurrentHashMap.newKeySet();
  private final WorkCounter work = new WorkCounter();
  private final LongAdder handlerFailures = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder redelivered = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();

  private InMemoryBus(Builder b) {
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      ExecutorService pool =
          Executors.newCachedThreadPool(new DaemonThreadFactory("cordum-bus-", THREAD_IDS));
      this.executor = pool;
      this.ownedExecutor = pool;
    }
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
    } else {
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(
              1, new DaemonThreadFactory("cordum-bus-redelivery-", THREAD_IDS));
      timer.setRemoveOnCancelPolicy(true);
      this.scheduler = timer;
      this.ownsScheduler = true;
    }
    this.maxDeliver = b.maxDeliver;
    this.shutdownTimeout = b.shutdownTimeout;
  }

  /** A builder with every option at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns once the message is queued for every matching subscription; handlers run later.
   *
   * @throws IllegalStateException if the bus is closed
   */
  @Override
  public void publish(String subject, BusPacket packet) {
    publish(subject, packet, "");
  }

  /** {@inheritDoc} The id reaches subscribers in {@link BusMessage#messageId()}. */
  @Override
  public void publish(String subject, BusPacket packet, String messageId) {
    Objects.requireNonNull(packet, "packet");
    if (!Subjects.isLiteral(subject)) {
      throw new IllegalArgumentException(
          "cannot publish to \""
              + subject
              + "\": a subject is"
              + " dot-separated non-empty tokens without '*', '>' or whitespace");
    }
    ensureOpen();
    route(new Delivery(subject, packet, 1, messageId == null ? "" : messageId));
  }

  /** {@inheritDoc} Exact here: whether an active subscription matches the subject. */
  @Override
  public boolean hasSubscribers(String subject) {
    for (MemorySubscription sub : subscriptions) {
      if (sub.isActive() && Subjects.matches(sub.subject(), subject)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A queue group name must be non-empty and contain no whitespace.
   *
   * @throws IllegalStateException if the bus is closed
   */
  @Override
  public Subscription subscribe(
      String subject, @Nullable String queueGroup, MessageHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (!Subjects.isValidPattern(subject)) {
      throw new IllegalArgumentException(
          "cannot subscribe to \""
              + subject
              + "\": a pattern is"
              + " dot-separated non-empty tokens without whitespace, where '*' and '>' stand alone"
              + " and '>' comes last");
    }
    if (queueGroup != null && !isValidQueueGroup(queueGroup)) {
      throw new IllegalArgumentException(
          "invalid queue group \""
              + queueGroup
              + "\": it must be non-empty and contain no whitespace (use null for no group)");
    }
    ensureOpen();
    MemorySubscription sub = new MemorySubscription(this, subject, queueGroup, handler, executor);
    subscriptions.add(sub);
    if (closed.get()) { // close() ran between ensureOpen() and add()
      subscriptions.remove(sub);
      sub.closeByBus();
      ensureOpen();
    }
    return sub;
  }

  private static boolean isValidQueueGroup(String queueGroup) {
    return !queueGroup.isEmpty() && queueGroup.chars().noneMatch(Character::isWhitespace);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the bus is closed");
    }
  }

  /**
   * Waits until no message is queued, being handled or waiting for redelivery. Handy in tests and
   * examples; a handler that publishes keeps the bus busy until its messages are handled too.
   *
   * @return true once the bus is quiet, false if the timeout passed first (or the thread was
   *     interrupted, whose interrupt flag is then set again)
   */
  public boolean awaitQuiescence(Duration timeout) {
    try {
      return work.awaitZero(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many times a handler threw an exception other than {@link RetryLaterException}. */
  public long handlerFailures() {
    return handlerFailures.sum();
  }

  /** How many deliveries the bus discarded without a handler acknowledging them. */
  public long droppedMessages() {
    return dropped.sum();
  }

  /** How many redeliveries (after {@link RetryLaterException}) were handed to a subscription. */
  public long redeliveries() {
    return redelivered.sum();
  }

  /**
   * Closes every subscription (queued messages are dropped), cancels pending redeliveries and waits
   * up to the {@linkplain Builder#shutdownTimeout shutdown timeout} for running handlers (not when
   * called from a handler). The executors the bus created are shut down, those given to the builder
   * are not. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (MemorySubscription sub : subscriptions) {
      sub.closeByBus();
    }
    subscriptions.clear();
    for (Redelivery r : redeliveries) {
      r.cancel();
    }
    boolean quiet = HANDLING.get() == this || awaitQuiescence(shutdownTimeout);
    if (!quiet) {
      log.warn(
          "closing the bus with {} message(s) still being handled after {}",
          work.get(),
          shutdownTimeout);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      if (!quiet) {
        ownedExecutor.shutdownNow(); // interrupt the handlers that outlived the timeout
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  private void route(Delivery d) {
    // The first queue group met is gathered without a map (usually the only one, often with one
    // member): this runs on every publish.
    String firstGroup = null;
    MemorySubscription firstMember = null;
    List<MemorySubscription> firstMembers = null;
    Map<String, List<MemorySubscription>> otherGroups = null;
    for (MemorySubscription sub : subscriptions) {
      if (!sub.isActive() || !Subjects.matches(sub.subject(), d.subject())) {
        continue;
      }
      String group = sub.queueGroup();
      if (group == null) {
        deliver(sub, d);
      } else if (firstGroup == null) {
        firstGroup = group;
        firstMember = sub;
      } else if (firstGroup.equals(group)) {
        if (firstMembers == null) {
          firstMembers = new ArrayList<>(4);
          firstMembers.add(Objects.requireNonNull(firstMember));
        }
        firstMembers.add(sub);
      } else {
        if (otherGroups == null) {
          otherGroups = new LinkedHashMap<>();
        }
        otherGroups.computeIfAbsent(group, g -> new ArrayList<>(2)).add(sub);
      }
    }
    if (firstGroup != null) {
      deliver(
          firstMembers == null
              ? choose(firstGroup, Objects.requireNonNull(firstMember))
              : choose(firstGroup, firstMembers),
          d);
    }
    if (otherGroups != null) {
      otherGroups.forEach((group, members) -> deliver(choose(group, members), d));
    }
  }

  private void deliver(MemorySubscription sub, Delivery d) {
    work.increment();
    sub.enqueue(d);
  }

  private MemorySubscription choose(String group, List<MemorySubscription> members) {
    return members.get(Math.floorMod(nextTurn(group), members.size()));
  }

  /** The group's only member; its turn is still taken, so the rotation is as with a list. */
  private MemorySubscription choose(String group, MemorySubscription only) {
    nextTurn(group);
    return only;
  }

  private int nextTurn(String group) {
    AtomicInteger turns = roundRobin.get(group);
    if (turns == null) {
      turns = roundRobin.computeIfAbsent(group, g -> new AtomicInteger());
    }
    return turns.getAndIncrement();
  }

  /** An active member of the queue group that matches the subject, or null when none is left. */
  private @Nullable MemorySubscription member(String group, String subject) {
    List<MemorySubscription> members = new ArrayList<>(2);
    for (MemorySubscription sub : subscriptions) {
      if (sub.isActive()
          && group.equals(sub.queueGroup())
          && Subjects.matches(sub.subject(), subject)) {
        members.add(sub);
      }
    }
    return members.isEmpty() ? null : choose(group, members);
  }

  // ---------------------------------------------------------------------------------------------
  // Callbacks from the subscriptions (the message is still counted as pending work)

  void unregister(MemorySubscription sub) {
    subscriptions.remove(sub);
  }

  /** A closed subscription still held a message: give it to another member of its group. */
  void handOff(MemorySubscription from, Delivery d) {
    if (closed.get()) {
      drop(d, "the bus is closed");
      return;
    }
    String group = from.queueGroup();
    MemorySubscription to = group == null ? null : member(group, d.subject());
    if (to == null) {
      drop(
          d,
          "its subscription "
              + from
              + " was closed and no other member of its queue group"
              + " is active");
    } else {
      to.enqueue(d);
    }
  }

  void acknowledged() {
    work.decrement();
  }

  void handlerFailed(MemorySubscription sub, Delivery d, Throwable failure) {
    handlerFailures.increment();
    log.warn(
        "handler of {} failed on a message to {} (attempt {}); the message is acknowledged"
            + " and not redelivered",
        sub,
        d.subject(),
        d.attempt(),
        failure);
    work.decrement();
  }

  void retryLater(MemorySubscription sub, Delivery d, RetryLaterException retry) {
    if (closed.get()) {
      drop(d, "the bus is closed");
      return;
    }
    if (maxDeliver != UNLIMITED_DELIVERIES && d.attempt() >= maxDeliver) {
      drop(
          d,
          "it was delivered "
              + d.attempt()
              + " times (maxDeliver) and the handler still"
              + " asks to retry: "
              + retry.getMessage());
      return;
    }
    Redelivery r = new Redelivery(sub, d.next());
    redeliveries.add(r);
    try {
      r.future = scheduler.schedule(r, retry.delay().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      r.cancel();
      return;
    }
    if (closed.get()) { // close() may have swept the set before we added to it
      r.cancel();
    }
  }

  void drop(Delivery d, String reason) {
    dropped.increment();
    if (closed.get()) {
      log.debug("dropped a message to {} (attempt {}): {}", d.subject(), d.attempt(), reason);
    } else {
      log.warn("dropped a message to {} (attempt {}): {}", d.subject(), d.attempt(), reason);
    }
    work.decrement();
  }

  static @Nullable InMemoryBus enterHandler(InMemoryBus bus) {
    InMemoryBus previous = HANDLING.get();
    HANDLING.set(bus);
    return previous;
  }

  static void exitHandler(@Nullable InMemoryBus previous) {
    if (previous == null) {
      HANDLING.remove();
    } else {
      HANDLING.set(previous);
    }
  }

  /** A message waiting for its redelivery time. Whoever removes it from the set owns it. */
  private final class Redelivery implements Runnable {
    private final MemorySubscription origin;
    private final Delivery delivery;
    volatile @Nullable ScheduledFuture<?> future;

    Redelivery(MemorySubscription origin, Delivery delivery) {
      this.origin = origin;
      this.delivery = delivery;
    }

    @Override
    public void run() {
      if (!redeliveries.remove(this)) {
        return; // cancelled
      }
      String group = origin.queueGroup();
      MemorySubscription to =
          group == null ? (origin.isActive() ? origin : null) : member(group, delivery.subject());
      if (to == null) {
        drop(delivery, "no active subscription is left to redeliver it to (" + origin + ")");
        return;
      }
      redelivered.increment();
      to.enqueue(delivery);
    }

    void cancel() {
      if (redeliveries.remove(this)) {
        ScheduledFuture<?> f = future;
        if (f != null) {
          f.cancel(false);
        }
        drop(delivery, "its redelivery was cancelled");
      }
    }
  }

  /**
   * Options of an {@link InMemoryBus}. Every option has a default; {@code builder().build()} gives
   * a working bus.
   */
  public static final class Builder {
    private @Nullable Executor executor;
    private @Nullable ScheduledExecutorService scheduler;
    private int maxDeliver = DEFAULT_MAX_DELIVER;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

    private Builder() {}

    /**
     * The executor that runs handlers. Default: a cached pool of daemon threads named {@code
     * cordum-bus-N}, shut down by {@link InMemoryBus#close()}. An executor given here is not shut
     * down by the bus. Each subscription occupies at most one of its threads at a time; give it at
     * least as many threads as subscriptions that may block at once (virtual threads on JDK 21+ are
     * a good fit).
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The scheduler of delayed redeliveries. Default: one internal daemon thread, shut down by
     * {@link InMemoryBus#close()}. A scheduler given here is not shut down by the bus.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * How many times a message may be delivered to a handler that keeps throwing {@link
     * RetryLaterException}; after that it is dropped with a WARN log and counted in {@link
     * InMemoryBus#droppedMessages()}. Default {@link #DEFAULT_MAX_DELIVER} (unlimited).
     *
     * @param maxDeliver at least 1, or {@link #UNLIMITED_DELIVERIES}
     */
    public Builder maxDeliver(int maxDeliver) {
      if (maxDeliver < 1 && maxDeliver != UNLIMITED_DELIVERIES) {
        throw new IllegalArgumentException(
            "maxDeliver must be at least 1, or"
                + " UNLIMITED_DELIVERIES ("
                + UNLIMITED_DELIVERIES
                + "), but was "
                + maxDeliver);
      }
      this.maxDeliver = maxDeliver;
      return this;
    }

    /**
     * How long {@link InMemoryBus#close()} waits for running handlers before it interrupts the
     * threads it owns. Default {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "shutdownTimeout must not be negative, but was " + shutdownTimeout);
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /** Builds the bus; it is open and ready to use. */
    public InMemoryBus build() {
      return new InMemoryBus(this);
    }
  }
}
