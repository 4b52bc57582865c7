package io.cordum.core.internal.backends;

import io.cordum.api.bus.Bus;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryDeadLetterStore;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.memory.InMemoryLeaseStore;
import io.cordum.memory.InMemoryPointerStore;
import io.cordum.memory.InMemorySchemaStore;
import io.cordum.memory.InMemoryWorkflowStore;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisDeadLetterStore;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisLeaseStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisSchemaStore;
import io.cordum.redis.RedisWorkflowStore;
import java.time.InstantSource;

/**
 * The backend configurations the engine suites run on, the way Caffeine runs each test against
 * every cache configuration: a test class annotated
 * {@code @ParameterizedClass @EnumSource(Backends.class)} runs its bodies once per constant. The
 * engines see only the SPIs, so a body that passes on both holds for any backend that passes the
 * contract suites.
 */
public enum Backends {
  /** The in-memory bus and stores (the embedded default). */
  MEMORY {
    @Override
    public Stores open(InstantSource clock, int timelineLimit) {
      InMemoryBus bus = InMemoryBus.builder().build();
      return new Stores(
          this,
          new TrackingBus(bus),
          new InMemoryJobStore(clock),
          new InMemoryLeaseStore(clock),
          new InMemoryPointerStore(clock),
          new InMemoryDeadLetterStore(clock),
          new InMemoryWorkflowStore(clock, timelineLimit),
          new InMemorySchemaStore(clock),
          () -> {});
    }
  },
  /**
   * Core NATS and every store on Redis: one private server of each for the JVM, Redis flushed and a
   * fresh NATS connection for each test.
   */
  REDIS_NATS {
    @Override
    public Stores open(InstantSource clock, int timelineLimit) {
      RedisConnections redis =
          RedisConnections.create(RedisConfig.builder().url(SharedServers.redis().url()).build());
      redis.client().flushAll();
      NatsBus nats =
          NatsBus.connect(
              NatsConfig.builder().url(SharedServers.nats().url()).jetStream(false).build());
      return new Stores(
          this,
          new TrackingBus(nats),
          new RedisJobStore(redis, clock),
          new RedisLeaseStore(redis, clock),
          new RedisPointerStore(redis, clock),
          new RedisDeadLetterStore(redis, clock),
          new RedisWorkflowStore(redis, clock, timelineLimit),
          new RedisSchemaStore(redis, clock),
          redis::close);
    }
  };

  /** A fresh bus and stores on this configuration, taking the time from {@code clock}. */
  public abstract Stores open(InstantSource clock, int timelineLimit);

  /** {@link #open(InstantSource, int)} with the default timeline bound. */
  public Stores open(InstantSource clock) {
    return open(clock, 500);
  }

  /** The bus and stores of one test; closing closes them all. */
  public record Stores(
      Backends backends,
      TrackingBus bus,
      JobStore jobs,
      LeaseStore leases,
      PointerStore pointers,
      DeadLetterStore deadLetters,
      WorkflowStore workflows,
      SchemaStore schemas,
      AutoCloseable connections)
      implements AutoCloseable {

    /** The in-memory bus underneath, when this is {@link Backends#MEMORY}. */
    public InMemoryBus memoryBus() {
      Bus b = bus.delegate();
      if (b instanceof InMemoryBus m) {
        return m;
      }
      throw new IllegalStateException("not the in-memory bus: " + backends);
    }

    @Override
    public void close() {
      bus.close();
      for (Object o :
          new Object[] {jobs, leases, pointers, deadLetters, workflows, schemas, connections}) {
        if (o instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            throw new IllegalStateException("closing " + o + " failed", e);
          }
        }
      }
    }
  }
}
