package io.cordum.core.internal.policy;

import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.core.internal.policy.engine.Evaluation;
import io.cordum.core.internal.policy.engine.RequestView;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A bounded LRU cache of evaluations with a time to live, keyed by snapshot and every request field
 * the evaluator reads (the job id excluded). Emptied whenever the snapshot changes, so no stale
 * entry outlives a reload.
 */
final class DecisionCache {
  private record Entry(Evaluation evaluation, Instant expiresAt) {}

  private final Duration ttl;
  private final int maxSize;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, Entry> map;

  DecisionCache(Duration ttl, int maxSize, InstantSource clock) {
    this.ttl = ttl;
    this.maxSize = maxSize;
    this.clock = clock;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > DecisionCache.this.maxSize;
          }
        };
  }

  boolean enabled() {
    return !ttl.isZero();
  }

  @Nullable Evaluation get(String key) {
    lock.lock();
    try {
      Entry e = map.get(key);
      if (e == null) {
        return null;
      }
      if (!clock.instant().isBefore(e.expiresAt())) {
        map.remove(key);
        return null;
      }
      return e.evaluation();
    } finally {
      lock.unlock();
    }
  }

  void put(String key, Evaluation evaluation) {
    lock.lock();
    try {
      map.put(key, new Entry(evaluation, clock.instant().plus(ttl)));
    } finally {
      lock.unlock();
    }
  }

  void clear() {
    lock.lock();
    try {
      map.clear();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return map.size();
    } finally {
      lock.unlock();
    }
  }

  /** The cache key: snapshot and the evaluated fields, in a fixed order, NUL-separated. */
  static String key(String snapshot, JobRequest r) {
    StringBuilder sb =
        new StringBuilder(128)
            .append(snapshot)
            .append('\0')
            .append(r.topic())
            .append('\0')
            .append(r.tenantId())
            .append('\0')
            .append(r.principalId())
            .append('\0');
    JobMetadata m = r.meta();
    if (m != null) {
      sb.append(m.tenantId())
          .append('\0')
          .append(m.actorId())
          .append('\0')
          .append(m.actorType())
          .append('\0')
          .append(m.capability())
          .append('\0')
          .append(m.riskTags())
          .append('\0')
          .append(m.requires())
          .append('\0')
          .append(m.packId());
    }
    sb.append('\0');
    for (var e : new TreeMap<>(r.labels()).entrySet()) {
      sb.append(e.getKey()).append('=').append(e.getValue()).append('\0');
    }
    sb.append('\0').append(r.env().getOrDefault(RequestView.EFFECTIVE_CONFIG_ENV, ""));
    return sb.toString();
  }
}
