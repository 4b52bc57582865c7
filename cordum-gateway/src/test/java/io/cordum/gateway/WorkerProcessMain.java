package io.cordum.gateway;

import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPointerStore;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for {@link ServiceModeEndToEndTest}: a {@code CordumWorker} on its own NATS
 * connection and Redis client, in its own JVM, serving {@code job.e2e} (pool {@code e2e}). The
 * result names the process that ran the job: {@code {"echo": <input>, "pid": <pid>}}. Arguments:
 * NATS url, Redis url, Redis key prefix, worker id. Prints {@code READY} once started and stops
 * when its standard input closes (so it never outlives the test).
 */
public final class WorkerProcessMain {
  private WorkerProcessMain() {}

  /** Runs the worker. */
  public static void main(String[] args) throws Exception {
    NatsBus bus =
        NatsBus.connect(
            NatsConfig.builder()
                .url(args[0])
                .jetStream(true)
                .ackWait(Duration.ofSeconds(5))
                .build());
    RedisConnections redis =
        RedisConnections.create(RedisConfig.builder().url(args[1]).keyPrefix(args[2]).build());
    long pid = ProcessHandle.current().pid();
    CordumWorker worker =
        CordumWorker.builder()
            .workerId(args[3])
            .pool("e2e")
            .topics("job.e2e")
            .maxParallel(4)
            .heartbeatInterval(Duration.ofSeconds(1))
            .bus(bus)
            .pointers(new RedisPointerStore(redis, InstantSource.system()))
            .handler(
                job ->
                    JobOutput.of(
                        "{\"echo\":"
                            + quote(job.inputAsString().orElse(""))
                            + ",\"pid\":"
                            + pid
                            + "}"))
            .build()
            .start();
    CountDownLatch stop = new CountDownLatch(1);
    Thread watch =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // the parent keeps stdin open while it wants the worker
                }
              } catch (java.io.IOException e) {
                // closed
              }
              stop.countDown();
            });
    watch.setDaemon(true);
    watch.start();
    System.out.println("READY " + pid);
    System.out.flush();
    stop.await();
    worker.close();
    redis.close();
    bus.close();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
