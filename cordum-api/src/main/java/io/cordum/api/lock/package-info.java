/**
 * Mutual exclusion across replicas: {@link io.cordum.api.lock.LeaseStore} (short owner-checked
 * leases the scheduler uses internally) and {@link io.cordum.api.lock.LockStore} (named
 * shared/exclusive locks with per-owner leases and fencing tokens, for hosts and workers).
 */
@NullMarked
package io.cordum.api.lock;

import org.jspecify.annotations.NullMarked;
