package io.cordum.api.trace;

/**
 * Receives one {@link TraceSpan} each time the control plane finishes a traced step: a job's
 * submit, its safety decision, each dispatch, its result, and each workflow step that ends. Spans
 * of one job (and of every job of one workflow run) share its trace id, on every replica.
 *
 * <p>Called on the engine's threads, after the step: an implementation must be fast, must not
 * block, and should not throw (what it throws is logged and dropped). {@link #NOOP}, the default,
 * makes the engines skip building spans at all.
 */
@FunctionalInterface
public interface JobTracer {
  /** Records nothing; the engines build no spans when this is the tracer. */
  JobTracer NOOP = span -> {};

  /** Records a finished span. */
  void record(TraceSpan span);
}
