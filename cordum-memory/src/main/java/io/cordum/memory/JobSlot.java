package io.cordum.memory;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The holder of one job id: its lock and its current value. Writers hold {@link #lock} for the
 * whole read-check-write; readers just read {@link #current}. A slot left without a value is
 * retired and taken out of the store's map, so a writer that finds its slot retired fetches a new
 * one.
 */
final class JobSlot {
  final String id;
  final ReentrantLock lock = new ReentrantLock();

  /** Written under {@link #lock}; {@code null} when the job has no record. */
  volatile @Nullable StoredJob current;

  /** Guarded by {@link #lock}. */
  boolean retired;

  JobSlot(String id) {
    this.id = id;
  }
}
