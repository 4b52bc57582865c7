package io.cordum.api.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where API keys live, by id. The store keeps {@link ApiKey} records, which hold a hash of the
 * secret and never the secret. Every read goes to the store (implementations do not cache), so that
 * a revocation or a rotation takes effect at once on every replica sharing the store.
 *
 * <p>Times are kept to the microsecond. Revoked and expired keys stay stored and listed, so the
 * audit trail can name them.
 *
 * <p>Implementations: {@code InMemoryApiKeyStore} (cordum-memory), {@code RedisApiKeyStore}
 * (cordum-redis); both pass {@code ApiKeyStoreContract} (cordum-testkit).
 */
public interface ApiKeyStore {

  /**
   * Stores a new key.
   *
   * @return the stored key (times truncated to microseconds)
   * @throws io.cordum.api.ConflictException if a key with that id exists
   */
  ApiKey create(ApiKey key);

  /** The key, if stored (revoked and expired keys too). */
  Optional<ApiKey> get(String id);

  /**
   * The keys, oldest first (keys made in the same microsecond: by id).
   *
   * @param tenant only this tenant's keys, or {@code null} for every tenant's
   */
  List<ApiKey> list(@Nullable String tenant);

  /**
   * Revokes a key: from now on it authenticates nothing. Idempotent: revoking a revoked key keeps
   * the first revocation time.
   *
   * @return the key as now stored, or empty if there is none
   */
  Optional<ApiKey> revoke(String id, Instant at);

  /**
   * Replaces a key's secret: the old secret stops working at once, the id, tenant and role stay.
   *
   * @param newSecretHash the hex SHA-256 of the new secret
   * @return the key as now stored, or empty if there is none
   * @throws io.cordum.api.ConflictException if the key is revoked
   * @throws io.cordum.api.ValidationException if the hash is not 64 lowercase hex digits
   */
  Optional<ApiKey> rotate(String id, String newSecretHash, Instant at);

  /** Records a use of the key. The last-used time never moves back; an unknown id is ignored. */
  void touch(String id, Instant at);
}
