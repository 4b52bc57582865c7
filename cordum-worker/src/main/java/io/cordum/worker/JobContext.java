package io.cordum.worker;

import io.cordum.api.cap.JobRequest;
import java.time.Instant;
import java.util.Optional;

/** One job as its handler sees it. */
public interface JobContext {
  /** The job id. */
  String jobId();

  /** The trace id of the job's packet. */
  String traceId();

  /** The full request. */
  JobRequest request();

  /** The id of the worker running it. */
  String workerId();

  /**
   * The input bytes behind the job's context pointer (read once, then cached); empty when the job
   * has no context pointer. When it has one that resolves to nothing (expired, never written,
   * another scheme), this throws an unchecked exception that fails the job with {@link
   * WorkerErrorCodes#INPUT_UNAVAILABLE}.
   */
  Optional<byte[]> input();

  /** The input as UTF-8 text; empty when the job has none. */
  Optional<String> inputAsString();

  /** Publishes progress on {@code sys.job.progress} (percent clamped to 0..100). */
  void progress(int percent, String message);

  /** Whether the job has been cancelled (or has timed out); a handler should stop soon. */
  boolean isCancelled();

  /** Throws {@link JobCancelledException} if the job has been cancelled. */
  void throwIfCancelled();

  /** When the job times out, if it has a deadline. */
  Optional<Instant> deadline();
}
