package io.cordum.worker;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** A job accepted by this worker: its context for the handler and its cancellation state. */
final class RunningJob implements JobContext {
  private final CordumWorker worker;
  private final JobRequest request;
  private final String traceId;
  private final @Nullable Instant deadline;
  // Reason and cause are set together, so a handler that stops on isCancelled() cannot see a
  // timeout before it is marked as one.
  private final AtomicReference<@Nullable Cancellation> cancellation = new AtomicReference<>();
  // Guards thread: once runningOn(null) returns, no cancel() can interrupt the (reused) thread.
  private final ReentrantLock threadLock = new ReentrantLock();
  private @Nullable Thread thread;
  private volatile @Nullable Optional<byte[]> input;

  RunningJob(CordumWorker worker, JobRequest request, String traceId, @Nullable Instant deadline) {
    this.worker = worker;
    this.request = request;
    this.traceId = traceId;
    this.deadline = deadline;
  }

  @Override
  public String jobId() {
    return request.jobId();
  }

  @Override
  public String traceId() {
    return traceId;
  }

  @Override
  public JobRequest request() {
    return request;
  }

  @Override
  public String workerId() {
    return worker.workerId();
  }

  @Override
  public Optional<byte[]> input() {
    Optional<byte[]> in = input;
    if (in == null) {
      in = worker.readInput(request);
      input = in;
    }
    if (in.isEmpty() && !request.contextPtr().isBlank()) {
      throw new InputUnavailableException(request.jobId(), request.contextPtr());
    }
    return in.map(byte[]::clone);
  }

  @Override
  public Optional<String> inputAsString() {
    return input().map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public void progress(int percent, String message) {
    JobProgress p =
        JobProgress.builder()
            .jobId(jobId())
            .percent(Math.max(0, Math.min(100, percent)))
            .message(message)
            .status(JobStatus.RUNNING)
            .build();
    worker.publish(Subjects.PROGRESS, BusPacket.of(traceId, worker.workerId(), worker.now(), p));
  }

  @Override
  public boolean isCancelled() {
    return cancellation.get() != null;
  }

  @Override
  public void throwIfCancelled() {
    Cancellation c = cancellation.get();
    if (c != null) {
      throw new JobCancelledException(c.reason());
    }
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Cancels the job; interrupts its thread if it is running. Returns false if already done. */
  boolean cancel(String reason, boolean timeout) {
    if (!cancellation.compareAndSet(null, new Cancellation(reason, timeout))) {
      return false;
    }
    threadLock.lock();
    try {
      if (thread != null) {
        thread.interrupt();
      }
    } finally {
      threadLock.unlock();
    }
    return true;
  }

  /** Whether a thread has picked the job up (it may have finished since). */
  boolean started() {
    threadLock.lock();
    try {
      return thread != null;
    } finally {
      threadLock.unlock();
    }
  }

  boolean timedOut() {
    Cancellation c = cancellation.get();
    return c != null && c.timeout();
  }

  @Nullable String cancelReason() {
    Cancellation c = cancellation.get();
    return c == null ? null : c.reason();
  }

  void runningOn(@Nullable Thread t) {
    threadLock.lock();
    try {
      this.thread = t;
    } finally {
      threadLock.unlock();
    }
  }

  private record Cancellation(String reason, boolean timeout) {}
}
