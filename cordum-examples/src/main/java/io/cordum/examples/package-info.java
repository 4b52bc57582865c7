/**
 * Runnable examples. {@link io.cordum.examples.EmbeddedExample} embeds the control plane on the
 * in-memory backends with three Java workers and shows a job's whole life: routing, a retry, a
 * cancel, a policy decision, dead letters.
 */
@NullMarked
package io.cordum.examples;

import org.jspecify.annotations.NullMarked;
