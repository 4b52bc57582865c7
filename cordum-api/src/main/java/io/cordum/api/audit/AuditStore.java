package io.cordum.api.audit;

import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Where audit entries are kept, shared by every replica: the newest entries, bounded (the oldest
 * are dropped past the store's capacity, overall and per tenant).
 *
 * <p>Implementations: {@code InMemoryAuditStore} (cordum-memory), {@code RedisAuditStore}
 * (cordum-redis); both pass {@code AuditStoreContract} (cordum-testkit).
 */
public interface AuditStore {

  /** Keeps an entry. */
  void append(AuditEntry entry);

  /**
   * The newest entries that match, newest first.
   *
   * @param tenant only this tenant's entries, or {@code null} for every entry (those without a
   *     tenant included)
   * @param filter a further condition (principal, outcome, ...)
   * @param limit at most this many, at least 1
   * @throws io.cordum.api.ValidationException if {@code limit < 1}
   */
  List<AuditEntry> query(@Nullable String tenant, Predicate<AuditEntry> filter, int limit);
}
