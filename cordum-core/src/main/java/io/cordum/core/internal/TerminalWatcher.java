package io.cordum.core.internal;

import io.cordum.api.ClosedException;
import io.cordum.api.NotFoundException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobResult;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes futures when jobs reach a terminal state. This replica's scheduler reports its own
 * terminal transitions at once ({@link #terminal}) and announces them on {@link #SUBJECT}, so that
 * a replica whose client waits for a job another replica finished reads it at once ({@link
 * #listen}); anything missed (a lost announcement, a cancel through the store) is found by polling
 * the store while anyone waits.
 *
 * <p>Store reads are the safety net, not the path: a wait for a job this replica's client just
 * submitted ({@link #expect}) starts without reading the store, since nothing can have ended it
 * unseen (its end on this replica, or an announcement of it, clears the mark first). Each wait is
 * polled first once it has lasted twice as long as recent waits that were woken without a poll (at
 * least five poll intervals, at most forty), then at doubling intervals up to forty: under load,
 * when every job takes longer, the waits the bus wakes are still not read, and a long wait costs a
 * read every few seconds instead of one per interval.
 */
public final class TerminalWatcher implements AutoCloseable {
  /**
   * Cordum-for-Java's own subject for "job X is terminal" announcements between replicas: a {@link
   * JobResult} with the job id and its final status, best effort (core NATS even in JetStream
   * mode). Outside {@code sys.job.>}, so Cordum's gateway tap never sees it.
   */
  public static final String SUBJECT = "cordum.job.terminal";

  private static final String SENDER = "cordum-scheduler";

  private static final Logger log = LoggerFactory.getLogger(TerminalWatcher.class);

  /** Marks kept for jobs submitted here and not yet awaited; past this, all are dropped. */
  static final int MAX_EXPECTED = 65_536;

  private final JobStore store;
  private final Map<String, Waiting> waiters = new ConcurrentHashMap<>();
  // Jobs this replica's client saved and published, not seen terminal since: see expect().
  private final Map<String, Boolean> expected = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final long minFirstPollNanos;
  // Recent waits woken without a poll, smoothed (1/16 per wait): how long a wait usually lasts.
  private final AtomicLong typicalWaitNanos = new AtomicLong();
  private final long maxPollNanos;
  private final @Nullable ScheduledFuture<?> poller;
  private volatile @Nullable Bus bus;
  private volatile @Nullable Subscription listening;
  private volatile boolean closed;

  /** The futures waiting for one job, and when the poller reads the job next. */
  private static final class Waiting {
    final List<CompletableFuture<JobRecord>> futures = new CopyOnWriteArrayList<>();
    final long sinceNanos;
    // Written by the poller only (one thread), after the map entry is created.
    volatile long nextPollNanos;
    volatile long intervalNanos;

    Waiting(long now, long firstPollNanos) {
      this.sinceNanos = now;
      this.nextPollNanos = now + firstPollNanos;
      this.intervalNanos = firstPollNanos;
    }
  }

  /**
   * A watcher checking on the given executor every {@code pollInterval} for waits due a poll: each
   * wait is first read after 5 intervals, then after 10, 20 and 40 intervals, then every 40.
   */
  public TerminalWatcher(JobStore store, ScheduledExecutorService executor, Duration pollInterval) {
    this(store, executor, pollInterval, System::nanoTime);
  }

  TerminalWatcher(
      JobStore store,
      ScheduledExecutorService executor,
      Duration pollInterval,
      LongSupplier nanoTime) {
    this.store = store;
    this.nanoTime = nanoTime;
    long ms = Math.max(1, pollInterval.toMillis());
    this.minFirstPollNanos = TimeUnit.MILLISECONDS.toNanos(ms * 5);
    this.maxPollNanos = TimeUnit.MILLISECONDS.toNanos(ms * 40);
    this.poller = executor.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Marks a job this replica's client has just saved (and not yet published): a wait for it then
   * starts without reading the store. Its terminal report here ({@link #terminal}) or an
   * announcement of it from another replica clears the mark, and a wait without the mark reads the
   * store first, so a job that ended before the wait began is never waited for.
   */
  public void expect(String jobId) {
    if (expected.size() >= MAX_EXPECTED) {
      // Jobs submitted and never awaited, ended where no announcement reached us: forget them
      // all (a wait then reads the store, as for any job).
      expected.clear();
    }
    expected.put(jobId, Boolean.TRUE);
  }

  /** Whether a job is marked by {@link #expect}; for tests. */
  boolean isExpected(String jobId) {
    return expected.containsKey(jobId);
  }

  /**
   * A future completed with the job's record once it is terminal, or with a {@link ClosedException}
   * if this watcher is closed first.
   */
  public CompletableFuture<JobRecord> await(String jobId) {
    CompletableFuture<JobRecord> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(closedBefore(jobId));
      return f;
    }
    // compute() is atomic with terminal()'s remove(): the future never lands in a list that
    // was already taken out of the map (and would never be completed).
    long now = nanoTime.getAsLong();
    waiters.compute(
        jobId,
        (k, w) -> {
          Waiting l = w == null ? new Waiting(now, firstPoll()) : w;
          l.futures.add(f);
          return l;
        });
    // After registering: terminal() clears the mark before it takes the waiters, so either the
    // mark is gone (read below) or the future is in the list it completes.
    if (expected.remove(jobId) != null && !closed) {
      return f;
    }
    // The job may have finished before we registered: look once ourselves.
    Optional<JobRecord> rec = store.get(jobId);
    if (rec.isEmpty()) {
      forget(jobId, f);
      f.completeExceptionally(new NotFoundException("job " + jobId));
    } else if (rec.get().isTerminal()) {
      forget(jobId, f);
      f.complete(rec.get());
    } else if (closed) {
      forget(jobId, f); // closed while registering: close() may have missed this one
      f.completeExceptionally(closedBefore(jobId));
    }
    return f;
  }

  private static ClosedException closedBefore(String jobId) {
    return new ClosedException(
        "the control plane closed before job "
            + jobId
            + " finished;"
            + " the job keeps its stored state and may still finish on another replica on the same"
            + " stores, or after a restart");
  }

  private void forget(String jobId, CompletableFuture<JobRecord> f) {
    waiters.computeIfPresent(
        jobId,
        (k, w) -> {
          w.futures.remove(f);
          return w.futures.isEmpty() ? null : w;
        });
  }

  /**
   * Listens on {@link #SUBJECT} for terminal jobs announced by other replicas (and announces this
   * replica's through {@link #announce}). Call once, with the bus the scheduler uses.
   */
  public void listen(Bus bus) {
    this.bus = bus;
    this.listening = bus.observe(SUBJECT, this::onAnnouncement);
  }

  private void onAnnouncement(BusMessage m) {
    if (!(m.packet().payload() instanceof JobResult r)) {
      return;
    }
    expected.remove(r.jobId()); // first: a wait registered from now on reads the store
    if (waiters.containsKey(r.jobId())) {
      check(r.jobId(), false); // the announcing replica wrote the record before announcing it
    }
  }

  /**
   * {@link #terminal} and, if listening and nobody here waited for the job, tells the other
   * replicas (best effort). A job awaited here was almost always submitted here, so its waiter is
   * here too; skipping the announcement then saves a message per job on a single replica.
   */
  public void announce(JobRecord record) {
    boolean waitedHere = terminal(record);
    Bus b = bus;
    if (b == null || waitedHere || !record.isTerminal()) {
      return;
    }
    try {
      b.publish(
          SUBJECT,
          BusPacket.of(
              record.traceId().isEmpty() ? record.id() : record.traceId(),
              SENDER,
              java.time.Instant.now(),
              JobResult.builder().jobId(record.id()).status(record.state().toStatus()).build()));
    } catch (RuntimeException e) {
      log.debug("terminal announcement of job {} failed: {}", record.id(), e.toString());
    }
  }

  /**
   * Reports a terminal record (called by the scheduler right after its transition).
   *
   * @return whether anyone here was waiting for it
   */
  public boolean terminal(JobRecord record) {
    return complete(record, false);
  }

  private boolean complete(JobRecord record, boolean polled) {
    if (!record.isTerminal()) {
      return false;
    }
    expected.remove(record.id()); // before taking the waiters: see await()
    Waiting w = waiters.remove(record.id());
    if (w != null) {
      w.futures.forEach(f -> f.complete(record));
      if (!polled) { // a wait the poll ended says nothing of how soon the bus wakes one
        long waited = Math.max(0, nanoTime.getAsLong() - w.sinceNanos);
        var unused = typicalWaitNanos.updateAndGet(t -> t + (waited - t) / 16);
      }
    }
    return w != null;
  }

  /** How long a new wait goes unpolled: twice the typical wait, within 5 and 40 intervals. */
  private long firstPoll() {
    return Math.min(maxPollNanos, Math.max(minFirstPollNanos, 2 * typicalWaitNanos.get()));
  }

  /** The delay before a new wait's first poll; for tests. */
  long firstPollNanos() {
    return firstPoll();
  }

  /** Reads the jobs whose waits are due a poll; runs every poll interval. */
  void poll() {
    long now = nanoTime.getAsLong();
    for (Map.Entry<String, Waiting> e : waiters.entrySet()) {
      Waiting w = e.getValue();
      if (now - w.nextPollNanos < 0) {
        continue;
      }
      long interval = Math.min(maxPollNanos, w.intervalNanos * 2);
      w.intervalNanos = interval;
      w.nextPollNanos = now + interval;
      try {
        check(e.getKey(), true);
      } catch (RuntimeException ex) {
        log.debug("poll of job {} failed: {}", e.getKey(), ex.toString());
      }
    }
  }

  private void check(String jobId, boolean polled) {
    Optional<JobRecord> rec = store.get(jobId);
    if (rec.isEmpty()) {
      Waiting w = waiters.remove(jobId);
      if (w != null) {
        w.futures.forEach(f -> f.completeExceptionally(new NotFoundException("job " + jobId)));
      }
    } else {
      complete(rec.get(), polled);
    }
  }

  /** Stops polling and listening, and fails every waiting future with a {@link ClosedException}. */
  @Override
  public void close() {
    closed = true;
    expected.clear();
    for (String id : List.copyOf(waiters.keySet())) {
      Waiting w = waiters.remove(id);
      if (w != null) {
        ClosedException e = closedBefore(id);
        w.futures.forEach(f -> f.completeExceptionally(e));
      }
    }
    if (poller != null) {
      poller.cancel(false);
    }
    Subscription l = listening;
    if (l != null) {
      try {
        l.close();
      } catch (Exception e) {
        log.debug("closing the terminal listener failed: {}", e.toString());
      }
    }
  }
}
