package io.cordum.redis;

import io.cordum.api.job.JobStore;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job store contract on a private Redis server (flushed before each test). */
class RedisJobStoreTest extends JobStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  @Override
  protected JobStore createStore(ManualClock clock) {
    return new RedisJobStore(redis.flushed(), clock);
  }
}
