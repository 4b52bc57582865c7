package io.cordum.faults;

import io.cordum.api.ConflictException;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.IdempotencyReservation;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Tenants;
import io.cordum.api.pointer.PointerStore;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisPointerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The client process: submits jobs the way Cordum's gateway does (reserve the idempotency key,
 * store the input at {@code ctx:<id>}, save the job PENDING, publish it on {@code sys.job.submit};
 * a failed publish leaves a due timer), each with its own idempotency key, at a fixed rate. A
 * submit that throws (Redis or NATS down) is retried with the same key and a new job id, as a
 * caller would. Every job id the client was given is recorded durably ({@code <job id> <key> <epoch
 * ms> <tries> <epoch ms it was due>}, the last by the schedule of the fixed rate); those are the
 * jobs that must not be lost. Arguments: count, jobs per second, key prefix, submitted file. Prints
 * {@code DONE} at the end.
 */
public final class ClientMain {
  private ClientMain() {}

  /** Runs the client. */
  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    double rate = Double.parseDouble(args[1]);
    String prefix = args[2];
    DurableLog submitted = new DurableLog(Path.of(args[3]));
    NatsBus bus = NatsBus.connect(NatsConfig.fromEnvironment(System.getenv()));
    RedisConnections redis = RedisConnections.create(RedisConfig.fromEnvironment());
    InstantSource clock = InstantSource.system();
    Submitter s =
        new Submitter(
            bus, new RedisJobStore(redis, clock), new RedisPointerStore(redis, clock), clock);
    long start = System.nanoTime();
    long startMs = System.currentTimeMillis();
    long intervalNanos = (long) (1e9 / rate);
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long dueMs = startMs + (i * intervalNanos) / 1_000_000;
      String key = prefix + "-" + i;
      int tries = 0;
      while (true) {
        tries++;
        try {
          String jobId = s.submit(key);
          submitted.append(
              jobId,
              key,
              Long.toString(System.currentTimeMillis()),
              Integer.toString(tries),
              Long.toString(dueMs));
          break;
        } catch (RuntimeException e) {
          if (tries == 1 || tries % 20 == 0) {
            System.out.println("submit of " + key + " failed (try " + tries + "), retrying: " + e);
          }
          LockSupport.parkNanos(200_000_000L);
        }
      }
    }
    System.out.println("DONE");
    System.out.flush();
    bus.close();
    redis.close();
    System.exit(0);
  }

  /** One gateway-style submit. */
  static final class Submitter {
    private final Bus bus;
    private final JobStore store;
    private final PointerStore pointers;
    private final InstantSource clock;

    Submitter(Bus bus, JobStore store, PointerStore pointers, InstantSource clock) {
      this.bus = bus;
      this.store = store;
      this.pointers = pointers;
      this.clock = clock;
    }

    /** Submits the job of {@code key}; returns its id (an earlier job's for a duplicate). */
    String submit(String key) {
      String jobId = UUID.randomUUID().toString();
      JobRequest req =
          JobRequest.builder()
              .jobId(jobId)
              .topic("job.default")
              .meta(JobMetadata.builder().idempotencyKey(key).build())
              .build();
      String tenant = Tenants.of(req);
      IdempotencyReservation r = store.reserveIdempotencyKey(tenant, key, jobId);
      if (!r.reserved() && store.get(r.jobId()).isPresent()) {
        return r.jobId(); // a duplicate of a job that exists
      }
      req =
          req.toBuilder()
              .contextPtr(pointers.putContext(jobId, key.getBytes(StandardCharsets.UTF_8)))
              .build();
      try {
        store.save(req, jobId);
      } catch (ConflictException e) {
        Optional<String> holder = store.findByIdempotencyKey(tenant, key);
        if (holder.isPresent() && store.get(holder.get()).isPresent()) {
          return holder.get();
        }
        throw e;
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      try {
        bus.publish(Subjects.SUBMIT, BusPacket.of(jobId, "fault-client", now, req));
      } catch (RuntimeException e) {
        try {
          store.setTimer(jobId, now, "publish_failed", "submit publish failed", -1);
        } catch (RuntimeException ignored) {
          // saved: the pending replay dispatches it
        }
      }
      return jobId;
    }
  }
}
