package io.cordum.api.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A copy of all bundles at one moment, to compare with or roll back to.
 *
 * @param id {@code <created_at>-<first 10 hex of SHA-256 of the bundles>}, plus a suffix when
 *     needed to keep ids unique
 * @param createdAt when it was taken
 * @param note why it was taken, such as {@code before publish}
 * @param bundles the bundles by id
 */
public record PolicyBundleSnapshot(
    String id, Instant createdAt, String note, Map<String, PolicyBundle> bundles) {

  /** Copies the map; a null note becomes empty. */
  public PolicyBundleSnapshot {
    note = note == null ? "" : note;
    bundles = Collections.unmodifiableMap(new TreeMap<>(bundles));
  }
}
