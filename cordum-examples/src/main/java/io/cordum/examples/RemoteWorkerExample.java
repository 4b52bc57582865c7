package io.cordum.examples;

import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPointerStore;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A worker in its own process: it reaches the control plane only through NATS (jobs in, results
 * out) and Redis (job inputs and outputs behind pointers). Start the control plane elsewhere with
 * the same servers ({@code Cordum.builder().fromEnvironment()} with {@code NATS_URL} and {@code
 * REDIS_URL}, or {@code cordumctl server}) and with a pool config mapping {@code job.summarize} to
 * pool {@code cpu} (see {@code config/pools.yaml}).
 *
 * <pre>
 * NATS_URL=nats://127.0.0.1:4222 REDIS_URL=redis://127.0.0.1:6379 \
 *   ./mvnw -B -q -pl cordum-examples -am -DskipTests package exec:java \
 *   -Dexec.mainClass=io.cordum.examples.RemoteWorkerExample
 * </pre>
 *
 * <p>The same variables as the control plane configure it ({@code NATS_USE_JETSTREAM}, TLS, {@code
 * REDIS_*}); both sides must agree on JetStream and on the Redis key prefix.
 */
public final class RemoteWorkerExample {
  private RemoteWorkerExample() {}

  /** Runs the worker until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    try (Running w =
        start(
            NatsConfig.fromEnvironment(System.getenv()),
            RedisConfig.fromEnvironment(),
            "summarizer-" + ProcessHandle.current().pid())) {
      System.out.println("worker " + w.worker().workerId() + " is taking jobs of job.summarize");
      Runtime.getRuntime().addShutdownHook(new Thread(w::close));
      new CountDownLatch(1).await();
    }
  }

  /**
   * Connects to NATS and Redis and starts a worker of pool {@code cpu} on topic {@code
   * job.summarize} that upper-cases its input.
   */
  public static Running start(NatsConfig nats, RedisConfig redis, String workerId) {
    NatsBus bus = NatsBus.connect(nats);
    RedisConnections connections = RedisConnections.create(redis);
    CordumWorker worker =
        CordumWorker.builder()
            .workerId(workerId) // must be one NATS subject token: no '.', '*', '>'
            .pool("cpu")
            .topics("job.summarize")
            .capabilities("text") // what this worker offers; a job's requires must match
            .maxParallel(4)
            .bus(bus)
            .pointers(new RedisPointerStore(connections, InstantSource.system()))
            .handler(
                job -> {
                  String text =
                      job.inputAsString()
                          .orElseThrow(
                              () ->
                                  new JobFailedException("missing_input", "nothing to summarize"));
                  return JobOutput.of(text.toUpperCase(Locale.ROOT));
                })
            .build()
            .start();
    return new Running(worker, bus, connections);
  }

  /**
   * A started worker with its connections; closing it stops the worker (it says so in a last
   * heartbeat, and finishes or hands back its jobs) before the connections close.
   *
   * @param worker the worker
   * @param bus its NATS connection
   * @param redis its Redis connections
   */
  public record Running(CordumWorker worker, NatsBus bus, RedisConnections redis)
      implements AutoCloseable {
    @Override
    public void close() {
      worker.close();
      bus.close();
      redis.close();
    }
  }
}
