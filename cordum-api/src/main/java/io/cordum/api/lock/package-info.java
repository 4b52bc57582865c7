/**
 * Leases: short-lived, owner-checked mutual exclusion across replicas
 * ({@link io.cordum.api.lock.LeaseStore}).
 */
@NullMarked
package io.cordum.api.lock;

import org.jspecify.annotations.NullMarked;
