package io.cordum.memory;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.pointer.Pointers;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PointerStore} held in this JVM. Entries live for the TTL after their last write, by the
 * injected clock; expired entries read as absent and are purged during later writes. Bytes are
 * copied in and out, so callers can neither change stored data nor see later writes through an
 * array they hold.
 */
public final class InMemoryPointerStore implements PointerStore {
  /** Twenty-four hours, as Cordum's {@code REDIS_DATA_TTL}. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);

  private final InstantSource clock;
  private final Duration ttl;
  private final ConcurrentHashMap<String, Blob> blobs = new ConcurrentHashMap<>();
  private final ExpiryQueue<String> expiries = new ExpiryQueue<>();

  /** A store whose entries live for {@link #DEFAULT_TTL}. */
  public InMemoryPointerStore(InstantSource clock) {
    this(clock, DEFAULT_TTL);
  }

  /** A store whose entries live for {@code ttl} after their last write. */
  public InMemoryPointerStore(InstantSource clock, Duration ttl) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Args.positive(ttl, "ttl");
  }

  @Override
  public String putContext(String jobId, byte[] data) {
    put(Pointers.contextKey(Args.jobId(jobId)), data);
    return Pointers.contextPointer(jobId);
  }

  @Override
  public String putResult(String jobId, byte[] data) {
    put(Pointers.resultKey(Args.jobId(jobId)), data);
    return Pointers.resultPointer(jobId);
  }

  @Override
  public Optional<byte[]> get(String pointer) {
    Instant now = now();
    for (String key : Pointers.readKeys(pointer)) {
      Blob blob = blobs.get(key);
      if (blob != null && blob.liveAt(now)) {
        return Optional.of(blob.data.clone());
      }
    }
    return Optional.empty();
  }

  /** Checks both pointers before reading, so a bad target is rejected even with no source. */
  @Override
  public boolean copy(String fromPointer, String toPointer) {
    Pointers.blobKeyOf(fromPointer);
    Pointers.blobKeyOf(toPointer);
    return PointerStore.super.copy(fromPointer, toPointer);
  }

  @Override
  public boolean delete(String pointer) {
    String key = Pointers.blobKeyOf(pointer);
    Instant now = now();
    boolean[] deleted = {false};
    blobs.computeIfPresent(
        key,
        (k, cur) -> {
          expiries.remove(k, cur.expiresAt);
          deleted[0] = cur.liveAt(now);
          return null;
        });
    return deleted[0];
  }

  private void put(String key, byte[] data) {
    Instant now = now();
    purge(now);
    Blob next = new Blob(data.clone(), now.plus(ttl));
    blobs.compute(
        key,
        (k, cur) -> {
          if (cur == null) {
            expiries.add(k, next.expiresAt);
          } else {
            expiries.move(k, cur.expiresAt, next.expiresAt);
          }
          return next;
        });
  }

  private void purge(Instant now) {
    expiries.drain(now, k -> blobs.computeIfPresent(k, (kk, cur) -> cur.liveAt(now) ? cur : null));
  }

  private Instant now() {
    return Micros.now(clock);
  }

  /** Entries held, for tests that check expired data is gone. */
  int footprint() {
    return blobs.size() + expiries.size();
  }

  /** Stored bytes and when they expire. */
  private static final class Blob {
    final byte[] data;
    final Instant expiresAt;

    Blob(byte[] data, Instant expiresAt) {
      this.data = data;
      this.expiresAt = expiresAt;
    }

    boolean liveAt(Instant now) {
      return expiresAt.isAfter(now);
    }
  }
}
