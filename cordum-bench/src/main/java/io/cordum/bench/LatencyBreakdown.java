package io.cordum.bench;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.Transition;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Where the time of one job goes at window 1 on NATS (core or JetStream) + Redis: every job store
 * call, bus publish and delivery, and the worker's handler are time-stamped per job, and the median
 * time of each stage is printed. Usage: {@code LatencyBreakdown [jobs] [core|js]}. The stamps cost
 * a few µs per job; the figure to compare is the stages' shares, not the end-to-end time.
 */
public final class LatencyBreakdown {
  private LatencyBreakdown() {}

  /** The stamps of one job, in path order. */
  enum Stage {
    SUBMIT_CALL("client: submit() called"),
    SAVE_START("client: save script sent"),
    SAVE_END("client: save script answered"),
    SUBMIT_PUBLISH_START("client: submit publish started"),
    SUBMIT_PUBLISH_END("client: submit publish returned"),
    SUBMIT_RETURNED("client: submit() returned"),
    SCHED_RECEIVED("scheduler: submit delivered to its handler"),
    RESAVE_START("scheduler: resave sent"),
    RESAVE_END("scheduler: resave answered"),
    SCHEDULED_START("scheduler: SCHEDULED write sent (after safety, config, routing)"),
    SCHEDULED_END("scheduler: SCHEDULED write answered"),
    DISPATCH_START("scheduler: dispatch publish started"),
    DISPATCH_END("scheduler: dispatch publish returned"),
    RUNNING_START("scheduler: RUNNING write sent"),
    RUNNING_END("scheduler: RUNNING write answered"),
    SCHED_SUBMIT_DONE("scheduler: submit handler returned"),
    WORKER_RECEIVED("worker: job delivered to its bus handler"),
    HANDLER_START("worker: job handler started"),
    HANDLER_END("worker: job handler returned"),
    RESULT_PUBLISH_START("worker: result publish started"),
    RESULT_PUBLISH_END("worker: result publish returned"),
    RESULT_RECEIVED("scheduler: result delivered to its handler"),
    SUCCEEDED_START("scheduler: SUCCEEDED write sent"),
    SUCCEEDED_END("scheduler: SUCCEEDED write answered"),
    RESULT_DONE("scheduler: result handler returned"),
    CLIENT_WOKEN("client: awaitTerminal future completed");

    final String label;

    Stage(String label) {
      this.label = label;
    }
  }

  private static final Map<String, long[]> STAMPS = new ConcurrentHashMap<>();
  // When the submit in progress on this thread was called: the job id is known at its save.
  private static final ThreadLocal<long[]> SUBMIT_CALLED =
      ThreadLocal.withInitial(() -> new long[1]);
  private static final Map<String, long[]> OTHER_CALLS = new ConcurrentHashMap<>();

  static void mark(@Nullable String jobId, Stage s) {
    if (jobId == null || jobId.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    long[] st = STAMPS.computeIfAbsent(jobId, k -> new long[Stage.values().length]);
    if (st[s.ordinal()] == 0) {
      st[s.ordinal()] = now;
    }
  }

  private static @Nullable String jobIdOf(BusPacket p) {
    if (p.payload() instanceof JobRequest r) {
      return r.jobId();
    }
    if (p.payload() instanceof JobResult r) {
      return r.jobId();
    }
    return null;
  }

  private static boolean isJobSubject(String subject) {
    return subject.startsWith("job.")
        || (subject.startsWith("worker.") && subject.endsWith(".jobs"));
  }

  /** A bus that stamps publishes and deliveries of job requests and results. */
  static final class StampingBus implements Bus {
    private final Bus delegate;

    StampingBus(Bus delegate) {
      this.delegate = delegate;
    }

    private void before(String subject, BusPacket p) {
      String id = jobIdOf(p);
      if (subject.equals(Subjects.SUBMIT)) {
        mark(id, Stage.SUBMIT_PUBLISH_START);
      } else if (isJobSubject(subject)) {
        mark(id, Stage.DISPATCH_START);
      } else if (subject.equals(Subjects.RESULT)) {
        mark(id, Stage.RESULT_PUBLISH_START);
      }
    }

    private void after(String subject, BusPacket p) {
      String id = jobIdOf(p);
      if (subject.equals(Subjects.SUBMIT)) {
        mark(id, Stage.SUBMIT_PUBLISH_END);
      } else if (isJobSubject(subject)) {
        mark(id, Stage.DISPATCH_END);
      } else if (subject.equals(Subjects.RESULT)) {
        mark(id, Stage.RESULT_PUBLISH_END);
      }
    }

    @Override
    public void publish(String subject, BusPacket packet) {
      before(subject, packet);
      delegate.publish(subject, packet);
      after(subject, packet);
    }

    @Override
    public void publish(String subject, BusPacket packet, String messageId) {
      before(subject, packet);
      delegate.publish(subject, packet, messageId);
      after(subject, packet);
    }

    @Override
    public CompletionStage<Void> publishAsync(
        String subject, BusPacket packet, @Nullable String messageId) {
      before(subject, packet);
      CompletionStage<Void> s = delegate.publishAsync(subject, packet, messageId);
      after(subject, packet);
      return s;
    }

    @Override
    public Subscription subscribe(
        String subject, @Nullable String queueGroup, MessageHandler handler) {
      return delegate.subscribe(subject, queueGroup, stamped(handler));
    }

    @Override
    public Subscription observe(String subject, MessageHandler handler) {
      return delegate.observe(subject, handler); // observers are off the job's path
    }

    @Override
    public boolean hasSubscribers(String subject) {
      return delegate.hasSubscribers(subject);
    }

    private static MessageHandler stamped(MessageHandler h) {
      return (BusMessage m) -> {
        String id = jobIdOf(m.packet());
        String subject = m.subject();
        if (subject.equals(Subjects.SUBMIT)) {
          mark(id, Stage.SCHED_RECEIVED);
          h.handle(m);
          mark(id, Stage.SCHED_SUBMIT_DONE);
        } else if (subject.equals(Subjects.RESULT)) {
          mark(id, Stage.RESULT_RECEIVED);
          h.handle(m);
          mark(id, Stage.RESULT_DONE);
        } else {
          if (isJobSubject(subject)) {
            mark(id, Stage.WORKER_RECEIVED);
          }
          h.handle(m);
        }
      };
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** A job store that stamps the job path's writes and counts every other call. */
  static JobStore stamping(JobStore real) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) -> {
              String id = null;
              Stage start = null;
              Stage end = null;
              if (args != null && args.length > 0) {
                if (args[0] instanceof String s) {
                  id = s;
                } else if (args[0] instanceof JobRequest r) {
                  id = r.jobId();
                }
              }
              String name = method.getName();
              if (name.equals("save")) {
                long called = SUBMIT_CALLED.get()[0];
                if (id != null && called != 0) {
                  STAMPS.computeIfAbsent(id, k -> new long[Stage.values().length])[0] = called;
                }
                start = Stage.SAVE_START;
                end = Stage.SAVE_END;
              } else if (name.equals("resave")) {
                start = Stage.RESAVE_START;
                end = Stage.RESAVE_END;
              } else if (name.equals("transition") && args[1] instanceof Transition t) {
                if (t.to() == JobState.SCHEDULED) {
                  start = Stage.SCHEDULED_START;
                  end = Stage.SCHEDULED_END;
                } else if (t.to() == JobState.RUNNING) {
                  start = Stage.RUNNING_START;
                  end = Stage.RUNNING_END;
                } else if (t.to() == JobState.SUCCEEDED) {
                  start = Stage.SUCCEEDED_START;
                  end = Stage.SUCCEEDED_END;
                }
              }
              long t0 = System.nanoTime();
              if (start != null) {
                mark(id, start);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                if (end != null) {
                  mark(id, end);
                } else {
                  long[] c = OTHER_CALLS.computeIfAbsent(name, k -> new long[2]);
                  synchronized (c) {
                    c[0]++;
                    c[1] += System.nanoTime() - t0;
                  }
                }
              }
            });
  }

  /** Runs {@code jobs} jobs one at a time and prints the median of every stage. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    boolean js = args.length > 1 && args[1].equals("js");
    try (NatsServer nats = NatsServer.start();
        RedisServer redis = RedisServer.start(List.of("--appendonly", "no"))) {
      run(nats, redis, jobs / 4, js); // warm-up
      STAMPS.clear();
      OTHER_CALLS.clear();
      Histogram e2e = run(nats, redis, jobs, js);
      report(jobs, js, e2e);
    }
  }

  static Histogram run(NatsServer nats, RedisServer redis, int jobs, boolean js) throws Exception {
    RedisConfig rc =
        RedisConfig.builder()
            .url(redis.url())
            .keyPrefix("lb-" + UUID.randomUUID().toString().substring(0, 8) + ":")
            .build();
    NatsConfig nc = NatsConfig.builder().url(nats.url()).jetStream(js).build();
    List<AutoCloseable> open = new ArrayList<>();
    RedisConnections storeConns = RedisConnections.create(rc);
    open.add(storeConns);
    JobStore store = stamping(new RedisJobStore(storeConns, InstantSource.system()));
    Module redisStores =
        Modules.override(new RedisStoresModule(rc))
            .with(
                b ->
                    OptionalBinder.newOptionalBinder(b, JobStore.class)
                        .setBinding()
                        .toInstance(store));
    NatsBus controlBus = NatsBus.connect(nc);
    open.add(controlBus);
    Histogram h = new Histogram();
    try (Cordum cordum =
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
            .bus(new StampingBus(controlBus))
            .modules(redisStores)
            .build()
            .start()) {
      for (int i = 0; i < 2; i++) {
        NatsBus bus = NatsBus.connect(nc);
        RedisConnections conns = RedisConnections.create(rc);
        open.add(bus);
        open.add(conns);
        open.add(
            0,
            CordumWorker.builder()
                .workerId("lb-" + i)
                .pool("bench")
                .topics("job.bench")
                .maxParallel(4)
                .bus(new StampingBus(bus))
                .pointers(new RedisPointerStore(conns, InstantSource.system()))
                .handler(
                    job -> {
                      mark(job.jobId(), Stage.HANDLER_START);
                      JobOutput out = JobOutput.empty();
                      mark(job.jobId(), Stage.HANDLER_END);
                      return out;
                    })
                .build()
                .start());
      }
      for (int i = 0; i < jobs; i++) {
        long t0 = System.nanoTime();
        SUBMIT_CALLED.get()[0] = t0;
        String id =
            cordum.jobs().submit(JobSubmission.builder().topic("job.bench").build()).jobId();
        mark(id, Stage.SUBMIT_RETURNED);
        CompletableFuture<?> done =
            cordum.jobs().awaitTerminal(id).whenComplete((r, e) -> mark(id, Stage.CLIENT_WOKEN));
        done.get(30, TimeUnit.SECONDS);
        h.record(System.nanoTime() - t0);
      }
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
    return h;
  }

  private static void report(int jobs, boolean js, Histogram e2e) {
    Stage[] stages = Stage.values();
    System.out.printf(
        "%d jobs at window 1 on NATS %s + Redis: p50 %.1f µs end to end (stamped run)%n",
        jobs, js ? "JetStream" : "core", e2e.percentileMicros(50));
    System.out.println(
        "| stage (time stamp) | median µs from submit() | median µs since previous |");
    System.out.println("|---|---:|---:|");
    long[][] all = STAMPS.values().toArray(long[][]::new);
    Stage prev = null;
    for (Stage s : stages) {
      if (s == Stage.SUBMIT_CALL) {
        prev = s;
        continue;
      }
      double fromStart = median(all, Stage.SUBMIT_CALL, s);
      double step = prev == null ? Double.NaN : median(all, prev, s);
      System.out.printf("| %s | %.1f | %.1f |%n", s.label, fromStart, step);
      prev = s;
    }
    System.out.println("Other job store calls (per job, mean µs per call):");
    new TreeMap<>(OTHER_CALLS)
        .forEach(
            (name, c) ->
                System.out.printf(
                    "  %s: %.2f calls/job, %.1f µs%n",
                    name, c[0] / (double) jobs, c[0] == 0 ? 0 : c[1] / 1e3 / c[0]));
    AtomicLong missing = new AtomicLong();
    for (long[] st : all) {
      if (Arrays.stream(st).anyMatch(v -> v == 0)) {
        missing.incrementAndGet();
      }
    }
    System.out.println("jobs with a stage not stamped: " + missing.get() + " of " + all.length);
  }

  private static double median(long[][] all, Stage from, Stage to) {
    long[] d =
        Arrays.stream(all)
            .filter(st -> st[from.ordinal()] != 0 && st[to.ordinal()] != 0)
            .mapToLong(st -> st[to.ordinal()] - st[from.ordinal()])
            .sorted()
            .toArray();
    return d.length == 0 ? Double.NaN : d[d.length / 2] / 1e3;
  }
}
