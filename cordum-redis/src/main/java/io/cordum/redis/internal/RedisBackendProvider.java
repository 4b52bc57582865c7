package io.cordum.redis.internal;

import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.api.backend.BackendProvider;
import io.cordum.api.backend.PreparedBackend;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.Settings;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.redis.RedisApiKeyStore;
import io.cordum.redis.RedisArtifactStore;
import io.cordum.redis.RedisAuditStore;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConfigStore;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisDeadLetterStore;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisLeaseStore;
import io.cordum.redis.RedisLockStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisPolicyBundleStore;
import io.cordum.redis.RedisSchemaStore;
import io.cordum.redis.RedisWorkflowStore;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Offers every store on Redis to {@code Cordum.builder().fromEnvironment()} when {@code REDIS_URL}
 * is set (listed in {@code META-INF/services}). The stores share one {@link RedisConnections},
 * closed after them.
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
      InstantSource clock = ctx.clock();
      return Backend.builder("redis")
          .add(JobStore.class, new RedisJobStore(c, clock))
          .add(PointerStore.class, new RedisPointerStore(c, clock))
          .add(LeaseStore.class, new RedisLeaseStore(c, clock))
          .add(LockStore.class, new RedisLockStore(c, clock))
          .add(ArtifactStore.class, new RedisArtifactStore(c, clock, ctx.artifacts()))
          .add(DeadLetterStore.class, new RedisDeadLetterStore(c, clock, ctx.deadLetters()))
          .add(PolicyBundleStore.class, new RedisPolicyBundleStore(c, clock))
          .add(ConfigStore.class, new RedisConfigStore(c, clock))
          .add(SchemaStore.class, new RedisSchemaStore(c, clock))
          .add(WorkflowStore.class, new RedisWorkflowStore(c, clock))
          .add(ApiKeyStore.class, new RedisApiKeyStore(c))
          .add(AuditStore.class, new RedisAuditStore(c))
          .onClose(c)
          .build();
    }
  }
}
