package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobStatus;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.testkit.DeadLetterStoreContract;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dead-letter store contract on a private Redis server, plus its key layout. */
class RedisDeadLetterStoreTest extends DeadLetterStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected DeadLetterStore createStore(ManualClock clock, DeadLetterRetention retention) {
    connections = redis.flushed();
    return new RedisDeadLetterStore(connections, clock, retention);
  }

  @Test
  void entriesAreCordumJsonUnderOneHashTagWithATtl() {
    store().add(entry("job-1").toBuilder().status(JobStatus.DENIED).build());

    String stored = connections.client().hget("{cordum:dlq}:entries", "job-1");
    JsonNode json = JsonMapper.builder().build().readTree(stored.substring(20));
    assertThat(json.get("job_id").asString()).isEqualTo("job-1");
    assertThat(json.get("status").asString()).isEqualTo("JOB_STATUS_DENIED");
    assertThat(json.get("reason_code").asString()).isEqualTo("worker_error");
    assertThat(json.get("last_state").asString()).isEqualTo("FAILED");
    assertThat(json.get("created_at").asString()).isEqualTo(clock.instant().toString());
    assertThat(connections.client().zcard("{cordum:dlq}:index")).isEqualTo(1);
    assertThat(connections.client().pttl("{cordum:dlq}:index"))
        .isGreaterThan(Duration.ofDays(7).toMillis());
  }

  @Test
  void trimmedEntriesLeaveNoOrphans() {
    DeadLetterStore s =
        new RedisDeadLetterStore(
            connections, clock, new DeadLetterRetention(Duration.ofDays(1), 2));
    for (int i = 0; i < 5; i++) {
      s.add(entry("job-" + i));
    }

    assertThat(connections.client().hlen("{cordum:dlq}:entries")).isEqualTo(2);
    assertThat(connections.client().zcard("{cordum:dlq}:index")).isEqualTo(2);
  }
}
