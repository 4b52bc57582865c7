package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * What the contract cannot see: the keys the stores write, their prefix and hash tag, their real
 * TTLs, and that the indexes are trimmed and lazily cleaned.
 */
class RedisKeyLayoutTest {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final Duration MARGIN = Duration.ofHours(1);

  private static RedisServer server;
  private static RedisConnections connections;

  private final ManualClock clock = new ManualClock();
  private RedisJobStore jobs;
  private RedisPointerStore pointers;
  private RedisLeaseStore leases;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
    connections =
        RedisConnections.create(
            TestRedis.config(server).toBuilder()
                .keyPrefix("acme:")
                .historyLimit(5)
                .decisionsLimit(3)
                .build());
  }

  @AfterAll
  static void stopServer() {
    if (connections != null) {
      connections.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void createStores() {
    redis().flushAll();
    jobs = new RedisJobStore(connections, clock);
    pointers = new RedisPointerStore(connections, clock);
    leases = new RedisLeaseStore(connections, clock);
  }

  private static UnifiedJedis redis() {
    return connections.client();
  }

  /** Writes at least one of every kind of key. */
  private void writeEverything() {
    jobs.save(request("j1", "tenant-a"), "trace-1");
    jobs.transition(
        "j1",
        Transition.to(JobState.SCHEDULED)
            .wakeAt(clock.instant().plusSeconds(9))
            .safetyDecision(SafetyDecisionRecord.of(SafetyDecision.ALLOW, "ok", clock.instant()))
            .build());
    jobs.setDeadlineIfAbsent("j1", clock.instant().plusSeconds(60));
    jobs.save(request("j2", "tenant-b"), null);
    jobs.setTimer("j2", clock.instant().plusSeconds(5), "no_workers", "none", -1);
    jobs.transition("bare", Transition.of(JobState.RUNNING));
    jobs.reserveIdempotencyKey("tenant-a", "idem-1", "j1");
    pointers.putContext("j1", "in".getBytes(UTF_8));
    pointers.putResult("j1", "out".getBytes(UTF_8));
    assertThat(leases.tryAcquire("cordum:scheduler:job:j1", Duration.ofSeconds(30))).isPresent();
  }

  private static List<String> allKeys() {
    List<String> keys = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis().scan(cursor, new ScanParams().count(1000));
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  @Test
  void jobAndLeaseKeysAreUnderThePrefixBlobsAtThePointersKeyAndJobKeysShareOneSlot() {
    writeEverything();

    List<String> keys = allKeys();
    Set<Integer> jobSlots = new HashSet<>();
    for (String k : keys) {
      if (k.startsWith("{acme}:job:")) {
        jobSlots.add(JedisClusterCRC16.getSlot(k));
      } else {
        assertThat(k).as("non-job key").matches("acme:lease:.+|(cordum-exp:)?(ctx|res):.+");
      }
    }
    assertThat(jobSlots).containsExactly(JedisClusterCRC16.getSlot("acme"));
    assertThat(keys)
        .contains(
            "{acme}:job:meta:j1",
            "{acme}:job:req:j1",
            "{acme}:job:events:j1",
            "{acme}:job:decisions:j1",
            "{acme}:job:recent",
            "{acme}:job:index:scheduled",
            "{acme}:job:index:pending",
            "{acme}:job:index:running",
            "{acme}:job:timers",
            "{acme}:job:deadline",
            "{acme}:job:traces",
            "{acme}:job:index:topic",
            "{acme}:job:index:tenant",
            "{acme}:job:tenant:active",
            "{acme}:job:idempotency:8:tenant-a:idem-1",
            "ctx:j1",
            "res:j1",
            "cordum-exp:ctx:j1",
            "cordum-exp:res:j1",
            "acme:lease:cordum:scheduler:job:j1");
    assertThat(redis().type("{acme}:job:meta:j1")).isEqualTo("hash");
    assertThat(redis().hget("{acme}:job:meta:j1", "state")).isEqualTo("SCHEDULED");
    assertThat(redis().type("ctx:j1")).isEqualTo("string");
    assertThat(redis().get("ctx:j1")).isEqualTo("in");
    assertThat(redis().lrange("{acme}:job:events:j1", 0, -1))
        .containsExactly(micros() + "|PENDING", micros() + "|SCHEDULED");
  }

  @Test
  void everyKeyHasARealTtl() {
    writeEverything();
    // Store-wide index keys get their TTL renewed by saves once half the margin has passed
    // since the last renewal (not by every write).
    clock.advance(MARGIN);
    jobs.save(request("j3", "tenant-b"), null);

    long jobTtl = RETENTION.plus(MARGIN).toMillis();
    for (String k : allKeys()) {
      long pttl = redis().pttl(k);
      assertThat(pttl).as("PTTL of %s", k).isPositive();
      if (k.startsWith("{acme}:job:")) {
        assertThat(pttl).as("PTTL of %s", k).isBetween(jobTtl - 60_000, jobTtl);
      } else if (k.startsWith("acme:lease:")) {
        assertThat(pttl).as("PTTL of %s", k).isBetween(1L, 30_000L);
      } else {
        assertThat(pttl)
            .as("PTTL of %s", k)
            .isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());
      }
    }
  }

  @Test
  void expiredJobsAreTrimmedFromEveryIndexByLaterWrites() {
    for (int i = 0; i < 30; i++) {
      String id = "old-" + i;
      jobs.save(request(id, "tenant-a"), "trace-1");
      jobs.transition(
          id, Transition.to(JobState.RUNNING).wakeAt(clock.instant().plusSeconds(30)).build());
      jobs.setDeadlineIfAbsent(id, clock.instant().plusSeconds(60));
    }
    clock.advance(RETENTION.plusSeconds(1));

    jobs.save(request("fresh", "tenant-b"), null);

    String t = "{acme}:job:";
    assertThat(redis().zcard(t + "recent")).isEqualTo(1);
    assertThat(redis().zcard(t + "index:pending")).isEqualTo(1);
    assertThat(redis().zcard(t + "index:running")).isZero();
    assertThat(redis().zcard(t + "index:topic")).isEqualTo(1);
    assertThat(redis().zcard(t + "index:tenant")).isEqualTo(1);
    assertThat(redis().zcard(t + "tenant:active")).isZero();
    assertThat(redis().zcard(t + "traces")).isZero();
    assertThat(redis().zcard(t + "timers")).isZero();
    assertThat(redis().zcard(t + "deadline")).isZero();
    assertThat(redis().exists(t + "meta:old-0")).isFalse();
    assertThat(redis().exists(t + "events:old-0")).isFalse();
  }

  @Test
  void readsPurgeMoreThanOneBatchOfExpiredJobs() {
    for (int i = 0; i < 250; i++) {
      jobs.transition("old-" + i, Transition.of(JobState.RUNNING));
    }
    clock.advance(RETENTION.plusSeconds(1));

    assertThat(jobs.countActiveByTenant("tenant-a")).isZero();

    assertThat(redis().zcard("{acme}:job:recent")).isZero();
    assertThat(redis().zcard("{acme}:job:index:running")).isZero();
    assertThat(redis().exists("{acme}:job:meta:old-249")).isFalse();
  }

  @Test
  void entriesOfVanishedJobsAreRemovedLazily() {
    jobs.save(request("a", "tenant-a"), "trace-1");
    jobs.save(request("b", "tenant-a"), "trace-1");
    jobs.save(request("c", "tenant-a"), "trace-1");
    // As if Redis had dropped the record (eviction, a real TTL) before the store purged it.
    redis().del("{acme}:job:meta:b");

    assertThat(jobs.list(JobQuery.builder().build()).items())
        .extracting(r -> r.id())
        .containsExactly("c", "a");
    assertThat(jobs.traceJobs("trace-1")).extracting(r -> r.id()).containsExactly("a", "c");

    assertThat(redis().zcard("{acme}:job:recent")).isEqualTo(2);
    assertThat(redis().zcard("{acme}:job:index:pending")).isEqualTo(2);
    assertThat(redis().zcard("{acme}:job:traces")).isEqualTo(2);
    // Its topic entry is only found by a listing of that topic.
    assertThat(redis().zcard("{acme}:job:index:topic")).isEqualTo(3);
    assertThat(jobs.list(JobQuery.builder().topic("job.default").build()).items())
        .extracting(r -> r.id())
        .containsExactly("c", "a");
    assertThat(redis().zcard("{acme}:job:index:topic")).isEqualTo(2);
  }

  @Test
  void historyAndDecisionListsAreBounded() {
    jobs.save(request("j", "tenant-a"), null);
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(1));
      jobs.transition("j", Transition.of(i % 2 == 0 ? JobState.SCHEDULED : JobState.PENDING));
      jobs.appendSafetyDecision(
          "j", SafetyDecisionRecord.of(SafetyDecision.ALLOW, "d" + i, clock.instant()));
    }

    assertThat(redis().llen("{acme}:job:events:j")).isEqualTo(5);
    assertThat(redis().llen("{acme}:job:decisions:j")).isEqualTo(3);
    assertThat(jobs.history("j")).hasSize(5);
    assertThat(jobs.safetyDecisions("j", 10))
        .extracting(SafetyDecisionRecord::reason)
        .containsExactly("d19", "d18", "d17");
  }

  private long micros() {
    return clock.instant().getEpochSecond() * 1_000_000L;
  }

  private static JobRequest request(String id, String tenant) {
    return JobRequest.builder().jobId(id).topic("job.default").tenantId(tenant).build();
  }
}
