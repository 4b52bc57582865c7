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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes futures when jobs reach a terminal state. This replica's scheduler reports its own
 * terminal transitions at once ({@link #terminal}) and announces them on {@link #SUBJECT}, so that
 * a replica whose client waits for a job another replica finished reads it at once ({@link
 * #listen}); anything missed (a lost announcement, a cancel through the store) is found by polling
 * the store while anyone waits.
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

  private final JobStore store;
  private final Map<String, List<CompletableFuture<JobRecord>>> waiters = new ConcurrentHashMap<>();
  private final @Nullable ScheduledFuture<?> poller;
  private volatile @Nullable Bus bus;
  private volatile @Nullable Subscription listening;
  private volatile boolean closed;

  /** A watcher polling the store every {@code pollInterval} on the given executor. */
  public TerminalWatcher(JobStore store, ScheduledExecutorService executor, Duration pollInterval) {
    this.store = store;
    long ms = Math.max(1, pollInterval.toMillis());
    this.poller = executor.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
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
    waiters.compute(
        jobId,
        (k, list) -> {
          List<CompletableFuture<JobRecord>> l = list == null ? new CopyOnWriteArrayList<>() : list;
          l.add(f);
          return l;
        });
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
        (k, list) -> {
          list.remove(f);
          return list.isEmpty() ? null : list;
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
    if (m.packet().payload() instanceof JobResult r && waiters.containsKey(r.jobId())) {
      check(r.jobId()); // the announcing replica wrote the record before announcing it
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
    if (!record.isTerminal()) {
      return false;
    }
    List<CompletableFuture<JobRecord>> fs = waiters.remove(record.id());
    if (fs != null) {
      fs.forEach(f -> f.complete(record));
    }
    return fs != null;
  }

  private void poll() {
    for (String id : waiters.keySet()) {
      try {
        check(id);
      } catch (RuntimeException e) {
        log.debug("poll of job {} failed: {}", id, e.toString());
      }
    }
  }

  private void check(String jobId) {
    Optional<JobRecord> rec = store.get(jobId);
    if (rec.isEmpty()) {
      List<CompletableFuture<JobRecord>> fs = waiters.remove(jobId);
      if (fs != null) {
        fs.forEach(f -> f.completeExceptionally(new NotFoundException("job " + jobId)));
      }
    } else {
      terminal(rec.get());
    }
  }

  /** Stops polling and listening, and fails every waiting future with a {@link ClosedException}. */
  @Override
  public void close() {
    closed = true;
    for (String id : List.copyOf(waiters.keySet())) {
      List<CompletableFuture<JobRecord>> fs = waiters.remove(id);
      if (fs != null) {
        ClosedException e = closedBefore(id);
        fs.forEach(f -> f.completeExceptionally(e));
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
