/**
 * Tracing hook: {@link io.cordum.api.trace.JobTracer} receives a {@link
 * io.cordum.api.trace.TraceSpan} for each step of a job's life (submit, safety decision, dispatch,
 * result) and for each workflow step, so that a host can export them (the server exports them over
 * OpenTelemetry). Off by default, at no cost.
 */
@NullMarked
package io.cordum.api.trace;

import org.jspecify.annotations.NullMarked;
