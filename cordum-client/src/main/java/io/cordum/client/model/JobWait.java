package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why a job or a workflow step that has not ended is where it is ("why is this waiting?").
 *
 * @param code stable: {@code queued}, {@code no_workers}, {@code pool_overloaded}, {@code
 *     tenant_limit}, {@code throttled}, {@code safety_unavailable}, {@code approval}, {@code
 *     backoff}, {@code dispatched}, {@code running}, ...; for steps also {@code delay}, {@code
 *     child_run}, {@code dependencies}, {@code fan_out}
 * @param summary one sentence for people
 * @param detail the engine's own reason text, or {@code ""}
 * @param since when the current state began
 * @param until when the engine looks at it again (retry, next placement, timeout, expiry)
 * @param jobId for a step: the job it waits on, or {@code ""}
 * @param deadline for a step: when it times out, if it has a deadline
 */
public record JobWait(
    String code,
    String summary,
    String detail,
    @Nullable Instant since,
    @Nullable Instant until,
    String jobId,
    @Nullable Instant deadline) {
  /** Normalizes nulls. */
  public JobWait {
    code = Norm.s(code);
    summary = Norm.s(summary);
    detail = Norm.s(detail);
    jobId = Norm.s(jobId);
  }
}
