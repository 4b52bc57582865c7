package io.cordum.redis;

import io.cordum.api.job.JobStore;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job store contract on a Redis in cluster mode, through Jedis's cluster client: a script
 * whose keys spanned two slots would fail with CROSSSLOT, so this proves the single-slot key layout
 * of every script (and that the store works with the cluster client).
 */
class RedisClusterModeTest extends JobStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected JobStore createStore(ManualClock clock) {
    return new RedisJobStore(redis.flushed(), clock);
  }
}
