package io.cordum.redis;

import io.cordum.api.job.JobStore;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job store contract with group commit on ({@code jobWriteBatch} 32, one write call in flight),
 * so that the contract's concurrent writes go through batches.
 */
class RedisJobStoreGroupCommitTest extends JobStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private static @Nullable RedisConnections batching;

  @Override
  protected JobStore createStore(ManualClock clock) {
    RedisConnections flushed = redis.flushed();
    if (batching == null) {
      batching =
          RedisConnections.create(
              flushed.config().toBuilder().jobWriteBatch(32).maxConnections(4).build());
    }
    return new RedisJobStore(batching, clock);
  }

  @AfterAll
  static void close() {
    if (batching != null) {
      batching.close();
      batching = null;
    }
  }
}
