package io.cordum.bench;

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
import io.cordum.worker.JobOutput;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;

/**
 * End-to-end load on NATS and Redis over loopback (private {@code nats-server -js} and {@code
 * redis-server} without persistence, started for the run), beside a floor measured in the same run:
 * raw jnats request/reply where the replier makes one Redis Lua call per job, with no Cordum code.
 * Usage: {@code NatsRedisBench [jobs] [windows, such as 1,4,256] [floor,core,js] [replicas]}; the
 * system property {@code jobWriteBatch} sets {@link RedisConfig#jobWriteBatch()} of the control
 * plane's stores (default: the default).
 */
public final class NatsRedisBench {
  private static final String FLOOR_SCRIPT =
      "redis.call('HSET', KEYS[1], 'state', ARGV[1], 'updated_at', ARGV[2]) "
          + "redis.call('PEXPIRE', KEYS[1], 60000) return 1";

  private NatsRedisBench() {}

  /** Runs the floor and Cordum (core NATS and JetStream) at several windows. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int[] windows =
        args.length > 1
            ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 4, 256};
    String modes = args.length > 2 ? args[2] : "floor,core,js";
    int replicas = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    // Redis as usually deployed for a queue: no fsync per write (the testkit's default, fsync
    // always, is for crash tests and costs ~250 µs per write here).
    // JetStream rows get their own server: its streams capture job.> and worker.*.jobs, so core
    // rows run on the same server would leave their dispatches in the streams for the next
    // JetStream run's durable consumers to replay.
    try (NatsServer nats = NatsServer.start();
        NatsServer jsNats = NatsServer.start();
        RedisServer redis = RedisServer.start(List.of("--appendonly", "no"))) {
      List<Result> results = new ArrayList<>();
      floor(nats, redis, jobs / 4, 64);
      cordum(nats, redis, jobs / 4, 64, false, replicas);
      for (int window : windows) {
        if (modes.contains("floor")) {
          results.add(floor(nats, redis, jobs, window));
        }
        if (modes.contains("core")) {
          results.add(cordum(nats, redis, jobs, window, false, replicas));
        }
        if (modes.contains("js")) {
          results.add(cordum(jsNats, redis, jobs, window, true, replicas));
        }
      }
      System.out.println(Result.header());
      results.forEach(r -> System.out.println(r.row()));
    }
  }

  static Result floor(NatsServer nats, RedisServer redis, int jobs, int window) throws Exception {
    try (Connection client = Nats.connect(nats.url());
        Connection worker = Nats.connect(nats.url());
        RedisConnections conns =
            RedisConnections.create(RedisConfig.builder().url(redis.url()).build())) {
      UnifiedJedis jedis = conns.client();
      String sha = jedis.scriptLoad(FLOOR_SCRIPT);
      Map<String, Long> started = new ConcurrentHashMap<>();
      Histogram h = new Histogram();
      Semaphore inflight = new Semaphore(window);
      Dispatcher w =
          worker.createDispatcher(
              m -> {
                String id = new String(m.getData(), StandardCharsets.UTF_8);
                jedis.evalsha(
                    sha,
                    List.of("floor:" + id),
                    List.of("SUCCEEDED", Long.toString(System.nanoTime())));
                worker.publish("floor.rep", m.getData());
              });
      w.subscribe("floor.req", "floor");
      Dispatcher c =
          client.createDispatcher(
              m -> {
                Long t0 = started.remove(new String(m.getData(), StandardCharsets.UTF_8));
                h.record(System.nanoTime() - t0);
                inflight.release();
              });
      c.subscribe("floor.rep");
      client.flush(java.time.Duration.ofSeconds(5));
      worker.flush(java.time.Duration.ofSeconds(5));
      long begin = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        inflight.acquire();
        String id = "f" + i;
        started.put(id, System.nanoTime());
        client.publish("floor.req", id.getBytes(StandardCharsets.UTF_8));
      }
      if (!inflight.tryAcquire(window, 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("floor did not finish");
      }
      double secs = (System.nanoTime() - begin) / 1e9;
      return new Result(
          "floor: jnats + 1 Redis Lua call",
          window,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    }
  }

  static Result cordum(
      NatsServer nats, RedisServer redis, int jobs, int window, boolean jetStream, int replicas)
      throws Exception {
    RedisConfig rc =
        RedisConfig.builder()
            .url(redis.url())
            .keyPrefix("bench-" + UUID.randomUUID().toString().substring(0, 8) + ":")
            .jobWriteBatch(Integer.getInteger("jobWriteBatch", RedisConfig.DEFAULT_JOB_WRITE_BATCH))
            .build();
    NatsConfig nc = NatsConfig.builder().url(nats.url()).jetStream(jetStream).build();
    List<AutoCloseable> open = new ArrayList<>();
    try (Cordum cordum =
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
            .modules(new NatsBusModule(nc), new RedisStoresModule(rc))
            .build()
            .start()) {
      for (int r = 1; r < replicas; r++) {
        open.add(
            Cordum.builder()
                .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
                .modules(new NatsBusModule(nc), new RedisStoresModule(rc))
                .build()
                .start());
      }
      for (int i = 0; i < 2; i++) {
        NatsBus bus = NatsBus.connect(nc);
        RedisConnections conns = RedisConnections.create(rc);
        open.add(bus);
        open.add(conns);
        open.add(
            0,
            CordumWorker.builder()
                .workerId("bench-" + i)
                .pool("bench")
                .topics("job.bench")
                .maxParallel(Math.max(4, window))
                .bus(bus)
                .pointers(new RedisPointerStore(conns, InstantSource.system()))
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      Histogram h = new Histogram();
      UnifiedJedis probe =
          open.stream()
              .filter(RedisConnections.class::isInstance)
              .map(o -> ((RedisConnections) o).client())
              .findFirst()
              .orElseThrow();
      RedisProfile before = RedisProfile.take(probe);
      long begin = Submitters.runJobs(cordum, jobs, window, h);
      double secs = (System.nanoTime() - begin) / 1e9;
      System.out.println(
          "  w"
              + window
              + (jetStream ? " JetStream " : " core ")
              + RedisProfile.take(probe).since(before, jobs));
      return new Result(
          "cordum on NATS "
              + (jetStream ? "JetStream" : "core")
              + " + Redis"
              + (replicas > 1 ? " x" + replicas : ""),
          window,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
  }
}
