package io.cordum.core.internal.scheduler;

import org.jspecify.annotations.Nullable;

/**
 * Where a job goes.
 *
 * @param subject the subject to publish on: a worker's direct subject or the pool topic
 * @param workerId the chosen worker, or {@code null} for a topic dispatch
 */
public record Route(String subject, @Nullable String workerId) {}
