package io.cordum.redis;

import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.testkit.DeadLetterStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dead-letter store contract through Jedis's cluster client on a Redis in cluster mode: a
 * script whose keys spanned two slots would fail with CROSSSLOT.
 */
class RedisClusterDeadLetterStoreTest extends DeadLetterStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected DeadLetterStore createStore(ManualClock clock, DeadLetterRetention retention) {
    return new RedisDeadLetterStore(redis.flushed(), clock, retention);
  }
}
