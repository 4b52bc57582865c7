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
import org.jspecify.annotations.Nullable;

/** A job accepted by this worker: its context for the handler and its cancellation state. */
final class RunningJob implements JobContext {
  private final CordumWorker worker;
  private final JobRequest request;
  private final String traceId;
  private final @Nullable Instant deadline;
  private final AtomicReference<@Nullable String> cancelReason = new AtomicReference<>();
  private volatile boolean timedOut;
  private volatile @Nullable Thread thread;
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
    return in.map(byte[]::clone);
  }

  @Override
  public Optional<String> inputAsString() {
    return input().map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public void progress(int percent, String message) {
    JobProgress p = JobProgress.builder().jobId(jobId()).percent(Math.max(0, Math.min(100,
        percent))).message(message).status(JobStatus.RUNNING).build();
    worker.publish(Subjects.PROGRESS, BusPacket.of(traceId, worker.workerId(), worker.now(), p));
  }

  @Override
  public boolean isCancelled() {
    return cancelReason.get() != null;
  }

  @Override
  public void throwIfCancelled() {
    String r = cancelReason.get();
    if (r != null) {
      throw new JobCancelledException(r);
    }
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Cancels the job; interrupts its thread if it is running. Returns false if already done. */
  boolean cancel(String reason, boolean timeout) {
    if (!cancelReason.compareAndSet(null, reason)) {
      return false;
    }
    this.timedOut = timeout;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    return true;
  }

  boolean timedOut() {
    return timedOut;
  }

  @Nullable String cancelReason() {
    return cancelReason.get();
  }

  void runningOn(@Nullable Thread t) {
    this.thread = t;
  }
}
