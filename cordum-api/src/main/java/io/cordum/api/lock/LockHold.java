package io.cordum.api.lock;

import java.time.Instant;

/**
 * One owner's hold on a lock.
 *
 * @param count how many times the owner holds it (acquires minus releases); at least 1
 * @param expiresAt when this owner's hold lapses unless renewed; other owners' holds lapse on their
 *     own
 */
public record LockHold(int count, Instant expiresAt) {}
