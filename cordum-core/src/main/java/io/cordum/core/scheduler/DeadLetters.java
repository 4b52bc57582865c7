package io.cordum.core.scheduler;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits dead-letter records on {@code sys.job.dlq}: a {@link JobResult} with the job's final
 * status, the reason code in {@code error_code} and the reason in {@code error_message}. The job
 * record already holds the same reason (written first), so a failed publish loses nothing; it is
 * retried a few times in the background.
 */
final class DeadLetters {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final int ATTEMPTS = 3;

  private final SchedulerContext ctx;

  DeadLetters(SchedulerContext ctx) {
    this.ctx = ctx;
  }

  void emit(String jobId, JobStatus status, String reasonCode, String reason) {
    JobResult record = JobResult.builder().jobId(jobId).status(status).errorCode(reasonCode)
        .errorMessage(reason).build();
    ctx.metrics().deadLettered(reasonCode.isEmpty() ? "unknown" : reasonCode);
    publish(BusPacket.of(jobId, SchedulerContext.SENDER, ctx.now(), record), 1);
  }

  private void publish(BusPacket packet, int attempt) {
    try {
      ctx.bus().publish(Subjects.DLQ, packet);
    } catch (RuntimeException e) {
      if (attempt >= ATTEMPTS) {
        log.error("dead-letter record for job {} not published after {} attempts: {}",
            packet.traceId(), attempt, e.toString());
        return;
      }
      log.warn("dead-letter publish for job {} failed, retrying: {}", packet.traceId(),
          e.toString());
      ctx.executor().schedule(() -> publish(packet, attempt + 1),
          ctx.config().publishErrorDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
