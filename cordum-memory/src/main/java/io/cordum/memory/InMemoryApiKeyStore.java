package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.ValidationException;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.internal.store.Micros;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApiKeyStore} held in this JVM: a map by id, changed under one lock. Only replicas in
 * the same JVM share it; several processes need {@code RedisApiKeyStore}.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Comparator<ApiKey> OLDEST_FIRST =
      Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id);

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ApiKey> byId = new HashMap<>();

  /** An empty store. */
  public InMemoryApiKeyStore() {}

  @Override
  public ApiKey create(ApiKey key) {
    ApiKey k =
        new ApiKey(
            key.id(),
            key.tenant(),
            key.role(),
            key.principal(),
            key.name(),
            key.scopes(),
            key.secretHash(),
            Micros.floor(key.createdAt()),
            Micros.truncate(key.expiresAt()),
            Micros.truncate(key.lastUsedAt()),
            Micros.truncate(key.revokedAt()),
            Micros.truncate(key.rotatedAt()));
    lock.lock();
    try {
      if (byId.putIfAbsent(k.id(), k) != null) {
        throw new ConflictException("api key " + k.id() + " already exists");
      }
      return k;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ApiKey> get(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(byId.get(id));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ApiKey> list(@Nullable String tenant) {
    lock.lock();
    try {
      return byId.values().stream()
          .filter(k -> tenant == null || k.tenant().equals(tenant))
          .sorted(OLDEST_FIRST)
          .toList();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ApiKey> revoke(String id, Instant at) {
    Instant t = Micros.floor(at);
    lock.lock();
    try {
      return Optional.ofNullable(byId.computeIfPresent(id, (k, v) -> v.revoked(t)));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ApiKey> rotate(String id, String newSecretHash, Instant at) {
    if (!HASH.matcher(newSecretHash).matches()) {
      throw new ValidationException("secret_hash", "must be 64 lowercase hex digits (SHA-256)");
    }
    Instant t = Micros.floor(at);
    lock.lock();
    try {
      ApiKey k = byId.get(id);
      if (k == null) {
        return Optional.empty();
      }
      if (k.isRevoked()) {
        throw new ConflictException("api key " + id + " is revoked");
      }
      ApiKey next = k.withSecret(newSecretHash, t);
      byId.put(id, next);
      return Optional.of(next);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void touch(String id, Instant at) {
    Instant t = Micros.floor(at);
    lock.lock();
    try {
      byId.computeIfPresent(id, (k, v) -> v.usedAt(t));
    } finally {
      lock.unlock();
    }
  }
}
