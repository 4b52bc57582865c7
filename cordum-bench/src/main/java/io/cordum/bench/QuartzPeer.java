package io.cordum.bench;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The peer row of {@link EndToEndBench}: Quartz 2.5 with its RAM job store (the in-memory job
 * scheduler many Java teams would pick instead), driven by the same client as Cordum's row. Each
 * job is one {@code JobDetail} with a {@code startNow()} one-shot trigger, Quartz's way to run a
 * job at once; its no-op body completes the client's future. Quartz settings are those of the peer
 * harness in {@code shared/peers/java} ({@code QuartzRam}): a {@code SimpleThreadPool} of 8 and the
 * default trigger batch of 1; nothing else is tuned.
 */
final class QuartzPeer {
  private static final Map<String, CompletableFuture<Void>> PENDING = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private QuartzPeer() {}

  /** The job: completes the future its client waits on. Quartz makes one instance per run. */
  public static final class Done implements Job {
    /** Quartz instantiates it by reflection. */
    public Done() {}

    @Override
    public void execute(JobExecutionContext context) {
      CompletableFuture<Void> f = PENDING.remove(context.getJobDetail().getKey().getName());
      if (f != null) {
        f.complete(null);
      }
    }
  }

  static Result run(int jobs, int window) throws Exception {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "bench-" + IDS.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "8");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.start();
    try {
      Histogram h = new Histogram();
      long begin =
          Submitters.run(
              jobs,
              window,
              () -> {
                long t0 = System.nanoTime();
                String id = "q" + IDS.incrementAndGet();
                CompletableFuture<Void> done = new CompletableFuture<>();
                PENDING.put(id, done);
                try {
                  scheduler.scheduleJob(
                      newJob(Done.class).withIdentity(id, "bench").build(),
                      newTrigger().withIdentity(id, "bench").startNow().build());
                } catch (org.quartz.SchedulerException e) {
                  throw new IllegalStateException(e);
                }
                return done.whenComplete((r, e) -> h.record(System.nanoTime() - t0));
              });
      double secs = (System.nanoTime() - begin) / 1e9;
      return new Result(
          "peer: Quartz 2.5 RAMJobStore",
          window,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    } finally {
      scheduler.shutdown(true);
    }
  }
}
