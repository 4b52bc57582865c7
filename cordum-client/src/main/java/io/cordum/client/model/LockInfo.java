package io.cordum.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lock and its owners.
 *
 * @param resource the locked resource
 * @param mode shared or exclusive
 * @param owners each owner's hold count (a lock is reentrant)
 * @param updatedAt when it last changed
 * @param expiresAt when the last lease ends unless renewed
 * @param fencingToken a number that grows with every exclusive grant
 */
public record LockInfo(
    String resource,
    LockMode mode,
    Map<String, Integer> owners,
    @Nullable Instant updatedAt,
    @Nullable Instant expiresAt,
    long fencingToken) {
  /** Normalizes nulls. */
  public LockInfo {
    resource = Norm.s(resource);
    mode = mode == null ? LockMode.EXCLUSIVE : mode;
    owners = Norm.map(owners);
  }
}
