package io.cordum.faults;

import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process: {@code CordumWorker} with its defaults on pool {@code default}, topic {@code
 * job.default}, reading the job store to skip attempts that already ended. Its handler first
 * records the execution durably ({@code <job id> <idempotency key> <worker id> <epoch ms>} in the
 * executions file), then works for the given time. Arguments: worker id, max parallel, work ms,
 * executions file. Prints {@code READY} once started, then a {@link HeapReport} line every 10 s.
 */
public final class WorkerMain {
  private WorkerMain() {}

  /** Runs the worker. */
  public static void main(String[] args) throws InterruptedException {
    String workerId = args[0];
    int maxParallel = Integer.parseInt(args[1]);
    long workMs = Long.parseLong(args[2]);
    DurableLog executions = new DurableLog(Path.of(args[3]));
    NatsBus bus = NatsBus.connect(NatsConfig.fromEnvironment(System.getenv()));
    RedisConnections redis = RedisConnections.create(RedisConfig.fromEnvironment());
    InstantSource clock = InstantSource.system();
    CordumWorker worker =
        CordumWorker.builder()
            .workerId(workerId)
            .pool("default")
            .topics("job.default")
            .maxParallel(maxParallel)
            .bus(bus)
            .pointers(new RedisPointerStore(redis, clock))
            .jobStore(new RedisJobStore(redis, clock))
            .handler(
                job -> {
                  String key =
                      job.request().meta() == null ? "" : job.request().meta().idempotencyKey();
                  executions.append(
                      job.jobId(), key, workerId, Long.toString(System.currentTimeMillis()));
                  Thread.sleep(workMs);
                  return JobOutput.of("done by " + workerId);
                })
            .build()
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  bus.close();
                }));
    HeapReport.every(java.time.Duration.ofSeconds(10));
    System.out.println("READY");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
