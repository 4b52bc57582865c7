package io.cordum.core.internal.policy;

import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleSnapshot;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Snapshot ids and captures for policy bundles. */
final class BundleSnapshots {
  private BundleSnapshots() {}

  /**
   * A snapshot of {@code bundles} with id {@code <created_at>-<first 10 hex of SHA-256>}, made
   * unique against {@code taken} by a {@code -2}, {@code -3}... suffix.
   */
  static PolicyBundleSnapshot capture(
      Map<String, PolicyBundle> bundles, Instant now, String note, Set<String> taken) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    String base = at + "-" + digest(bundles.values()).substring(0, 10);
    String id = base;
    for (int n = 2; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    taken.add(id);
    return new PolicyBundleSnapshot(id, at, note, new TreeMap<>(bundles));
  }

  /** SHA-256 over id, priority, enabled flag and content of each bundle, in id order. */
  static String digest(Collection<PolicyBundle> bundles) {
    MessageDigest md = Hashing.sha256();
    bundles.stream()
        .sorted(java.util.Comparator.comparing(PolicyBundle::id))
        .forEach(
            b -> {
              Hashing.update(md, b.id());
              Hashing.update(md, Integer.toString(b.priority()));
              Hashing.update(md, Boolean.toString(b.enabled()));
              Hashing.update(md, b.content());
            });
    return HexFormat.of().formatHex(md.digest());
  }
}
