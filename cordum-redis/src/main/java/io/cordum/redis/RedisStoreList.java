package io.cordum.redis;

import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.redis.internal.RedisStoreAccess;
import java.util.List;

/**
 * Every store Redis provides, with how it is made: the one list behind both {@link
 * RedisStoresModule} and the settings backend ({@code RedisBackendProvider}, which reaches {@link
 * #open} through {@link RedisStoreAccess}). Its order is the order a {@link Backend} closes them.
 */
final class RedisStoreList {
  private RedisStoreList() {}

  /** Makes one store on shared connections; {@code onClose} runs once when it is closed. */
  interface Factory<T> {
    T make(RedisConnections connections, BackendContext context, Runnable onClose);
  }

  /** One store: its SPI type and its factory. */
  record Entry<T>(Class<T> type, Factory<? extends T> factory) {}

  static final List<Entry<?>> ALL =
      List.of(
          new Entry<>(JobStore.class, (c, x, r) -> new RedisJobStore(c, x.clock(), r)),
          new Entry<>(PointerStore.class, (c, x, r) -> new RedisPointerStore(c, x.clock(), r)),
          new Entry<>(LeaseStore.class, (c, x, r) -> new RedisLeaseStore(c, x.clock(), r)),
          new Entry<>(LockStore.class, (c, x, r) -> new RedisLockStore(c, x.clock(), r)),
          new Entry<>(
              ArtifactStore.class,
              (c, x, r) -> new RedisArtifactStore(c, x.clock(), x.artifacts(), r)),
          new Entry<>(
              DeadLetterStore.class,
              (c, x, r) -> new RedisDeadLetterStore(c, x.clock(), x.deadLetters(), r)),
          new Entry<>(
              PolicyBundleStore.class,
              (c, x, r) ->
                  new RedisPolicyBundleStore(
                      c,
                      x.clock(),
                      RedisPolicyBundleStore.DEFAULT_SNAPSHOTS,
                      RedisPolicyBundleStore.DEFAULT_AUDIT,
                      r)),
          new Entry<>(ConfigStore.class, (c, x, r) -> new RedisConfigStore(c, x.clock(), r)),
          new Entry<>(SchemaStore.class, (c, x, r) -> new RedisSchemaStore(c, x.clock(), r)),
          new Entry<>(
              WorkflowStore.class,
              (c, x, r) ->
                  new RedisWorkflowStore(
                      c, x.clock(), RedisWorkflowStore.DEFAULT_TIMELINE_LIMIT, r)),
          new Entry<>(ApiKeyStore.class, (c, x, r) -> new RedisApiKeyStore(c, r)),
          new Entry<>(
              AuditStore.class,
              (c, x, r) -> new RedisAuditStore(c, RedisAuditStore.DEFAULT_CAPACITY, r)));

  static { // after ALL: the opener is installed once the list exists
    RedisStoreAccess.install(RedisStoreList::open);
  }

  /**
   * Every store of the list on {@code connections}, in the list's order, as one backend that closes
   * the stores, then the connections.
   */
  static Backend open(RedisConnections connections, BackendContext context) {
    Backend.Builder backend = Backend.builder("redis");
    for (Entry<?> entry : ALL) {
      add(backend, entry, connections, context);
    }
    return backend.onClose(connections).build();
  }

  private static <T> void add(
      Backend.Builder backend,
      Entry<T> entry,
      RedisConnections connections,
      BackendContext context) {
    // The backend closes the connections itself, after the stores: nothing to count per store.
    backend.add(entry.type(), entry.factory().make(connections, context, () -> {}));
  }
}
