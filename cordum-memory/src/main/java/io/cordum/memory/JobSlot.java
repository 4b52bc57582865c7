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

  /**
   * When the job's one entry in the store's expiry queue is due, in microseconds; guarded by the
   * slot's monitor and meaningful while {@link #current} is set. It is at or before the job's real
   * expiry: writes that extend the life leave the entry where it is, and the purge that finds it
   * due while the job still lives queues it again at the job's expiry then.
   */
  long queuedMicros;

  JobSlot(String id) {
    this.id = id;
  }
}
