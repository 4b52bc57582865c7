package io.cordum.memory;

import org.jspecify.annotations.Nullable;

/**
 * The holder of one job id and its current value; the slot's monitor is the job's lock. Writers
 * hold it ({@code synchronized (slot)}) for the whole read-check-write; readers just read {@link
 * #current}. A slot left without a value is retired and taken out of the store's map, so a writer
 * that finds its slot retired fetches a new one. (A monitor rather than a {@code ReentrantLock}:
 * the store keeps a slot per retained job, and a lock object would be two more objects per job.)
 */
final class JobSlot {
  final String id;

  /** Written holding the slot's monitor; {@code null} when the job has no record. */
  volatile @Nullable StoredJob current;

  /** Guarded by the slot's monitor. */
  boolean retired;

  JobSlot(String id) {
    this.id = id;
  }
}
