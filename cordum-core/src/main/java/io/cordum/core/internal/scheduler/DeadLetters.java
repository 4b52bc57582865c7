package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobRecord;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters a job that ended without success: adds an entry (with the job's full request, so a
 * retry can clone it) to the DLQ store, if there is one, and emits the wire record on {@code
 * sys.job.dlq}: a {@link JobResult} with the job's final status, the reason code in {@code
 * error_code} and the reason in {@code error_message}. The job record already holds the same reason
 * (written first), so a failed write or publish loses nothing; each is retried a few times in the
 * background.
 */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final int ATTEMPTS = 3;

  private final SchedulerContext ctx;

  DeadLetters(SchedulerContext ctx) {
    this.ctx = ctx;
  }

  void emit(JobRecord done, String reasonCode, String reason) {
    JobStatus status = done.state().toStatus();
    ctx.metrics().deadLettered(reasonCode.isEmpty() ? "unknown" : reasonCode);
    DeadLetterStore store = ctx.deadLetters();
    if (store != null) {
      record(store, entry(done, status, reasonCode, reason), 1);
    }
    JobResult record =
        JobResult.builder()
            .jobId(done.id())
            .status(status)
            .errorCode(reasonCode)
            .errorMessage(reason)
            .build();
    publish(BusPacket.of(done.id(), SchedulerContext.SENDER, ctx.now(), record), 1);
  }

  private DeadLetterEntry entry(JobRecord done, JobStatus status, String code, String reason) {
    JobRequest request = null;
    try {
      request = ctx.store().getRequest(done.id()).orElse(null);
    } catch (RuntimeException e) {
      log.warn(
          "request of dead-lettered job {} not readable; its DLQ entry has none: {}",
          done.id(),
          e.toString());
    }
    return DeadLetterEntry.builder()
        .jobId(done.id())
        .topic(done.topic())
        .tenant(done.tenant())
        .status(status)
        .reason(reason)
        .reasonCode(code)
        .lastState(done.state())
        .attempts(done.attempts())
        .createdAt(ctx.now())
        .request(request)
        .build();
  }

  private void record(DeadLetterStore store, DeadLetterEntry entry, int attempt) {
    try {
      store.add(entry);
    } catch (RuntimeException e) {
      if (attempt >= ATTEMPTS) {
        log.error(
            "DLQ entry for job {} not written after {} attempts: {}",
            entry.jobId(),
            attempt,
            e.toString());
        return;
      }
      log.warn("DLQ write for job {} failed, retrying: {}", entry.jobId(), e.toString());
      var unused =
          ctx.executor()
              .schedule(
                  () -> record(store, entry, attempt + 1),
                  ctx.config().publishErrorDelay().toMillis(),
                  TimeUnit.MILLISECONDS);
    }
  }

  private void publish(BusPacket packet, int attempt) {
    try {
      ctx.bus().publish(Subjects.DLQ, packet);
    } catch (RuntimeException e) {
      if (attempt >= ATTEMPTS) {
        log.error(
            "dead-letter record for job {} not published after {} attempts: {}",
            packet.traceId(),
            attempt,
            e.toString());
        return;
      }
      log.warn(
          "dead-letter publish for job {} failed, retrying: {}", packet.traceId(), e.toString());
      var unused =
          ctx.executor()
              .schedule(
                  () -> publish(packet, attempt + 1),
                  ctx.config().publishErrorDelay().toMillis(),
                  TimeUnit.MILLISECONDS);
    }
  }
}
