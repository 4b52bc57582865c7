package io.cordum.core.internal;

import io.cordum.api.trace.JobTracer;
import io.cordum.api.trace.TraceSpan;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines' handle on the {@link JobTracer}: {@link #on()} is checked before a span is built, so
 * that the default (no tracer) costs one volatile read; a tracer that throws is logged once and
 * never breaks the engine.
 */
public final class Tracing {
  private static final Logger log = LoggerFactory.getLogger(Tracing.class);

  private volatile JobTracer tracer = JobTracer.NOOP;
  private volatile boolean warned;

  /** Sets the tracer ({@link JobTracer#NOOP} turns tracing off). */
  public void set(JobTracer t) {
    tracer = t;
  }

  /** Whether spans are wanted. */
  public boolean on() {
    return tracer != JobTracer.NOOP;
  }

  /** Records a span; never throws. */
  public void record(
      TraceSpan.Kind kind,
      String traceId,
      String jobId,
      String runId,
      String stepId,
      Instant start,
      Instant end,
      boolean error,
      Map<String, String> attributes) {
    JobTracer t = tracer;
    if (t == JobTracer.NOOP) {
      return;
    }
    try {
      t.record(
          new TraceSpan(
              kind,
              traceId == null ? "" : traceId,
              nz(jobId),
              nz(runId),
              nz(stepId),
              start,
              end,
              error,
              attributes));
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        log.warn("the job tracer failed; its spans are dropped: {}", e.toString());
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
