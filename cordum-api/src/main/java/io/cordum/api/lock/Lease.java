package io.cordum.api.lock;

import java.time.Instant;

/**
 * A held lease.
 *
 * @param key what is leased
 * @param token the holder's secret; only it can renew or release the lease
 * @param expiresAt when the lease lapses unless renewed
 */
public record Lease(String key, String token, Instant expiresAt) {}
