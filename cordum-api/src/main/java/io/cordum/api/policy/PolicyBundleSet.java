package io.cordum.api.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * All policy bundles as one versioned value: what {@link PolicyBundleStore#read()} returns and
 * {@link PolicyBundleStore#commit} replaces by compare-and-set on {@link #version()}.
 *
 * @param version 0 for an empty store, increased by one by every commit
 * @param bundles the bundles by id (sorted by id)
 * @param updatedAt when the last commit happened, or {@code null} if never
 */
public record PolicyBundleSet(
    long version, Map<String, PolicyBundle> bundles, @Nullable Instant updatedAt) {

  /** An empty set at version 0. */
  public static final PolicyBundleSet EMPTY = new PolicyBundleSet(0, Map.of(), null);

  /** Copies the map (sorted by id). */
  public PolicyBundleSet {
    bundles = Collections.unmodifiableMap(new TreeMap<>(bundles));
  }
}
