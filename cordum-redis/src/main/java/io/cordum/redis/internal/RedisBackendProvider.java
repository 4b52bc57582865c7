package io.cordum.redis.internal;

import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.api.backend.BackendProvider;
import io.cordum.api.backend.PreparedBackend;
import io.cordum.api.config.Settings;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import java.util.Optional;

/**
 * Offers every store on Redis to {@code Cordum.builder().fromEnvironment()} when {@code REDIS_URL}
 * is set (listed in {@code META-INF/services}). The stores are those of {@code RedisStoreList}
 * (reached through {@link RedisStoreAccess}); they share one {@link RedisConnections}, closed after
 * them.
 */
public final class RedisBackendProvider implements BackendProvider {

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public String artifact() {
    return "io.cordum:cordum-redis";
  }

  @Override
  public String selector() {
    return RedisConfig.ENV_URL;
  }

  @Override
  public boolean owns(String settingName) {
    return settingName.startsWith("REDIS_")
        || settingName.equals(RedisConfig.ENV_JOB_TTL)
        || settingName.equals(RedisConfig.ENV_JOB_TTL_SECONDS);
  }

  @Override
  public Optional<PreparedBackend> prepare(Settings.Reader settings) {
    return RedisConfig.read(settings).map(Prepared::new);
  }

  private record Prepared(RedisConfig config) implements PreparedBackend {
    @Override
    public String description() {
      return "Redis at "
          + RedisUrl.redact(config.url())
          + (config.clusterNodes().isEmpty() ? "" : " (cluster " + config.clusterNodes() + ")");
    }

    @Override
    public Backend open(BackendContext ctx) {
      RedisConnections c = RedisConnections.create(config);
      try {
        return RedisStoreAccess.open(c, ctx);
      } catch (RuntimeException | Error e) {
        c.close();
        throw e;
      }
    }
  }
}
