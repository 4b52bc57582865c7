package io.cordum.gateway;

import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A control plane for API tests: in-memory, or NATS (JetStream) + Redis on private servers with
 * workers that are separate "processes" (their own connections). Workers serve {@code job.test}
 * (pool {@code test}): the result is {@code {"echo": <input>}}; an input containing {@code fail}
 * fails with code {@code boom}; one containing {@code slow} runs until cancelled.
 */
abstract class Backend implements AutoCloseable {
  final List<AutoCloseable> open = new ArrayList<>();

  static final PoolConfig POOLS =
      PoolConfig.builder()
          .topic("job.test", "test")
          .topic("job.hold", "test")
          .topic("job.danger", "test")
          .topic("job.safe", "test")
          .topic("job.default", "default")
          .pool("test")
          .pool("default")
          .build();

  abstract String name();

  /** A builder for the control plane, on this backend. */
  abstract Cordum.Builder cordum();

  /** Starts a worker for {@code job.test} beside the control plane. */
  abstract void worker(Cordum cordum, String workerId);

  <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  static CordumWorker.Builder workerBuilder(String id) {
    return CordumWorker.builder()
        .workerId(id)
        .pool("test")
        .topics("job.test")
        .maxParallel(8)
        .heartbeatInterval(Duration.ofSeconds(1))
        .cpuLoad(CpuLoad.fixed(0))
        .handler(
            job -> {
              String in = job.inputAsString().orElse("");
              if (in.contains("fail")) {
                throw new JobFailedException("boom", "asked to fail");
              }
              while (in.contains("slow") && !job.isCancelled()) {
                Thread.onSpinWait();
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
              }
              job.throwIfCancelled();
              return JobOutput.of(
                  "{\"echo\":" + (in.isEmpty() ? "null" : Http.JSON.writeValueAsString(in)) + "}");
            });
  }

  @Override
  public void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  static Backend memory() {
    return new Backend() {
      @Override
      String name() {
        return "memory";
      }

      @Override
      Cordum.Builder cordum() {
        return Cordum.builder().pools(POOLS).scheduler(s -> s.tickInterval(Duration.ofMillis(20)));
      }

      @Override
      void worker(Cordum cordum, String id) {
        keep(workerBuilder(id).bus(cordum.bus()).pointers(cordum.pointers()).build().start());
      }
    };
  }

  static Backend natsRedis() {
    NatsServer nats = NatsServer.start();
    RedisServer redis = RedisServer.start();
    String prefix = "gw-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    Backend b =
        new Backend() {
          @Override
          String name() {
            return "nats+redis";
          }

          NatsConfig nats() {
            return NatsConfig.builder()
                .url(nats.url())
                .jetStream(true)
                .ackWait(Duration.ofSeconds(5))
                .build();
          }

          RedisConfig redis() {
            return RedisConfig.builder().url(redis.url()).keyPrefix(prefix).build();
          }

          @Override
          Cordum.Builder cordum() {
            return Cordum.builder()
                .pools(POOLS)
                .scheduler(s -> s.tickInterval(Duration.ofMillis(20)))
                .modules(new NatsBusModule(nats()), new RedisStoresModule(redis()));
          }

          @Override
          void worker(Cordum cordum, String id) {
            NatsBus bus = keep(NatsBus.connect(nats()));
            RedisConnections conns = keep(RedisConnections.create(redis()));
            keep(
                workerBuilder(id)
                    .bus(bus)
                    .pointers(new RedisPointerStore(conns, InstantSource.system()))
                    .build()
                    .start());
          }
        };
    b.open.add(redis);
    b.open.add(nats);
    return b;
  }
}
