/**
 * The fault suite (issue 12): a control plane (one or two replicas), two workers and a client, each
 * its own JVM, on private {@code nats-server} and {@code redis-server} processes (single or
 * clustered), with {@code kill -9} of one of them in the middle of a stream of jobs. Every handler
 * execution is recorded durably by the workers; the suite then checks that every submitted job
 * reached a terminal state, that none was lost, counts duplicate executions and measures how long
 * the system stalled. {@link io.cordum.faults.FaultSuite} runs it; see {@code docs/operations.md}.
 */
@NullMarked
package io.cordum.faults;

import org.jspecify.annotations.NullMarked;
