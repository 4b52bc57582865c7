package io.cordum.api.job;

import java.time.Instant;

/**
 * One entry of a job's state history: the job entered {@code state} at {@code at}.
 *
 * @param at when, with microsecond precision
 * @param state the state entered (or touched again)
 */
public record JobStateEvent(Instant at, JobState state) {}
