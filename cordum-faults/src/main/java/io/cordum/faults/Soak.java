package io.cordum.faults;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStore;
import io.cordum.faults.SoakTally.Execution;
import io.cordum.faults.SoakTally.FaultEvent;
import io.cordum.faults.SoakTally.JobEnd;
import io.cordum.faults.SoakTally.Recovery;
import io.cordum.faults.SoakTally.Report;
import io.cordum.faults.SoakTally.Submission;
import io.cordum.faults.SoakTally.Trend;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak run: a control plane, two workers and a client (separate JVMs, every default) on a
 * private {@code nats-server} and {@code redis-server}, a steady load for a given time, and a fault
 * injected every interval, the four kinds in a random order each round: a worker killed ({@code
 * kill -9}) and started again (same id) after 20 s, longer than the worker timeout; the control
 * plane killed and started again after 5 s; Redis killed and started again (AOF) after 5 s; NATS
 * killed and started again (its store) after 5 s. Then it waits for every job to end and reports
 * what {@link SoakTally} finds, the recovery time of each fault, and the trend of each JVM's heap
 * and of Redis's memory. Not a test: {@code FaultSuite soak [minutes] [jobs/s] [js|core] [fault
 * interval s]}.
 */
final class Soak {
  private static final Logger log = LoggerFactory.getLogger(Soak.class);
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration WORKER_DOWN = Duration.ofSeconds(20);
  private static final Duration DOWN = Duration.ofSeconds(5);
  private static final long WORK_MS = 20;

  /** What the soak's command line says. */
  record Settings(
      Duration length,
      double rate,
      boolean jetStream,
      Duration faultEvery,
      Duration settle,
      long seed) {

    int jobs() {
      return (int) Math.round(length.toMillis() / 1000.0 * rate);
    }

    /** {@code [minutes] [jobs/s] [js|core] [fault interval s]}, after the word {@code soak}. */
    static Settings parse(List<String> args) {
      double minutes = args.size() > 0 ? Double.parseDouble(args.get(0)) : 60;
      double rate = args.size() > 1 ? Double.parseDouble(args.get(1)) : 20;
      boolean js = args.size() <= 2 || !args.get(2).equalsIgnoreCase("core");
      if (args.size() > 2 && !args.get(2).matches("(?i)js|core")) {
        throw new IllegalArgumentException("soak mode is js or core, not " + args.get(2));
      }
      Duration length = Duration.ofMillis((long) (minutes * 60_000));
      // By default about eight faults in a short soak, one every 90 s in a long one.
      long everyS =
          args.size() > 3
              ? Long.parseLong(args.get(3))
              : Math.max(30, Math.min(90, length.toSeconds() / 8));
      return new Settings(
          length,
          rate,
          js,
          Duration.ofSeconds(everyS),
          Duration.ofSeconds(Long.getLong("soak.settle", 300)),
          Long.getLong("soak.seed", System.currentTimeMillis()));
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%.1f min at %.1f jobs/s (%d jobs), %s, a fault every" + " %d s, seed %d",
          length.toMillis() / 60_000.0,
          rate,
          jobs(),
          jetStream ? "JetStream" : "core NATS",
          faultEvery.toSeconds(),
          seed);
    }
  }

  /** The soak's result: the account, and the memory trends by series name. */
  record Result(
      Settings settings,
      long loadStartMs,
      Report report,
      Map<String, Trend> memory,
      Duration elapsed) {}

  private final Settings st;
  private final Path dir;
  private final List<JavaProcess> processes = new CopyOnWriteArrayList<>();

  Soak(Settings st, Path dir) {
    this.st = st;
    this.dir = dir;
  }

  Result run() {
    Instant began = Instant.now();
    try (SingleEngines engines = new SingleEngines()) {
      Map<String, String> env = engines.env(st.jetStream());
      try {
        return drive(engines, env, began);
      } finally {
        processes.forEach(JavaProcess::kill9);
      }
    }
  }

  private Result drive(SingleEngines engines, Map<String, String> env, Instant began) {
    Path submittedFile = dir.resolve("submitted.tsv");
    Path execFile = dir.resolve("executions.tsv");
    JavaProcess[] cp = {start("control-plane", ControlPlaneMain.class, env)};
    JavaProcess[] workers = {startWorker("w1", env, execFile), startWorker("w2", env, execFile)};
    for (JavaProcess p : processes) {
      p.awaitLine("READY", START);
    }
    List<long[]> redisMemory = new CopyOnWriteArrayList<>();
    Thread sampler =
        new Thread(
            () -> sampleRedis(Objects.requireNonNull(env.get("REDIS_URL")), redisMemory),
            "redis-memory");
    sampler.setDaemon(true);
    sampler.start();

    long t0 = System.currentTimeMillis();
    JavaProcess client =
        start(
            "client",
            ClientMain.class,
            env,
            Integer.toString(st.jobs()),
            Double.toString(st.rate()),
            "s",
            submittedFile.toString());
    long loadEnds = t0 + st.length().toMillis();

    List<FaultEvent> faults = new ArrayList<>();
    Random random = new Random(st.seed());
    List<Fault> round = new ArrayList<>();
    int workerTurn = 0;
    for (long next = t0 + st.faultEvery().toMillis();
        next + st.faultEvery().toMillis() / 2 < loadEnds;
        next += st.faultEvery().toMillis()) {
      waitUntil(next);
      if (round.isEmpty()) {
        round.addAll(List.of(Fault.WORKER, Fault.CONTROL_PLANE, Fault.REDIS, Fault.NATS));
        Collections.shuffle(round, random);
      }
      Fault f = round.remove(0);
      long killed = System.currentTimeMillis();
      String label;
      switch (f) {
        case WORKER -> {
          int i = workerTurn++ % 2;
          String id = "w" + (i + 1);
          label = "worker " + id + " (down " + WORKER_DOWN.toSeconds() + " s)";
          workers[i].kill9();
          pause(WORKER_DOWN);
          workers[i] = startWorker(id, env, execFile);
          workers[i].awaitLine("READY", START);
        }
        case CONTROL_PLANE -> {
          label = "control plane (down " + DOWN.toSeconds() + " s)";
          cp[0].kill9();
          pause(DOWN);
          cp[0] = start("control-plane", ControlPlaneMain.class, env);
          cp[0].awaitLine("READY", START);
        }
        case REDIS -> {
          label = "Redis (down " + DOWN.toSeconds() + " s)";
          engines.killRedis();
          pause(DOWN);
          engines.restartRedis();
        }
        case NATS -> {
          label = "NATS (down " + DOWN.toSeconds() + " s)";
          engines.killNats();
          pause(DOWN);
          engines.restartNats();
        }
        default -> throw new IllegalStateException(f.toString());
      }
      FaultEvent ev = new FaultEvent(label, killed, System.currentTimeMillis());
      log.info(
          "soak: {} at +{} s, back after {} ms",
          label,
          (killed - t0) / 1000,
          ev.restoredMs() - killed);
      faults.add(ev);
    }
    client.awaitLine("DONE", st.length().plus(Duration.ofMinutes(10)));
    log.info("soak: the client is done; waiting up to {} for every job to end", st.settle());

    List<Submission> subs = new ArrayList<>();
    for (String[] l : DurableLog.read(submittedFile)) {
      if (l.length >= 3) {
        // When it was due by the client's schedule: a submit held up by the fault counts in the
        // window of that fault even though it returned after the restore.
        subs.add(new Submission(l[0], l[1], Long.parseLong(l.length >= 5 ? l[4] : l[2])));
      }
    }
    Set<String> ids = new HashSet<>();
    subs.forEach(s -> ids.add(s.jobId()));
    Map<String, JobEnd> ends = awaitTerminal(env, ids);
    List<Execution> execs = new ArrayList<>();
    for (String[] e : DurableLog.read(execFile)) {
      if (e.length >= 4) {
        execs.add(new Execution(e[0], e[1], e[2], Long.parseLong(e[3])));
      }
    }
    Report report = SoakTally.tally(st.jobs(), subs, ends, execs, faults);
    Map<String, Trend> memory = new LinkedHashMap<>();
    for (String name : List.of("control-plane", "worker-w1", "worker-w2")) {
      memory.putAll(heapTrends(name, dir.resolve(name + ".log")));
    }
    memory.put("Redis used_memory", SoakTally.trend(redisMemory));
    return new Result(st, t0, report, memory, Duration.between(began, Instant.now()));
  }

  private JavaProcess startWorker(String id, Map<String, String> env, Path execFile) {
    return start(
        "worker-" + id,
        WorkerMain.class,
        env,
        id,
        "4",
        Long.toString(WORK_MS),
        execFile.toString());
  }

  private JavaProcess start(String name, Class<?> main, Map<String, String> env, String... args) {
    JavaProcess p = JavaProcess.start(name, main, env, dir, args);
    processes.add(p);
    return p;
  }

  /** The job store's view of the jobs, once all are terminal or the settle bound passed. */
  private Map<String, JobEnd> awaitTerminal(Map<String, String> env, Set<String> ids) {
    Map<String, JobEnd> ends = new HashMap<>();
    Set<String> open = new HashSet<>(ids);
    long deadline = System.nanoTime() + st.settle().toNanos();
    try (RedisConnections redis = RedisConnections.create(RedisConfig.fromEnvironment(env))) {
      JobStore store = new RedisJobStore(redis, InstantSource.system());
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (String id : List.copyOf(open)) {
          try {
            Optional<JobRecord> r = store.get(id);
            if (r.isPresent()) {
              JobRecord rec = r.get();
              ends.put(
                  id,
                  new JobEnd(
                      rec.state().name(),
                      rec.isTerminal(),
                      rec.reasonCode(),
                      rec.updatedAt().toEpochMilli()));
              if (rec.isTerminal()) {
                open.remove(id);
              }
            }
          } catch (RuntimeException e) {
            break; // the store is not back yet
          }
        }
        if (!open.isEmpty()) {
          pause(Duration.ofSeconds(1));
        }
      }
    }
    return ends;
  }

  /**
   * The heap series of a process's log ({@link HeapReport} lines), one trend per incarnation (each
   * start after a kill), skipping its first minute (start-up and warm-up).
   */
  static Map<String, Trend> heapTrends(String name, Path logFile) {
    Map<String, Trend> out = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines =
          Files.exists(logFile) ? Files.readAllLines(logFile, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return out;
    }
    List<List<long[]>> runs = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("---- start ")) {
        runs.add(new ArrayList<>());
      } else if (line.startsWith("HEAP ") && !runs.isEmpty()) {
        String[] f = line.trim().split(" ");
        if (f.length >= 4) {
          runs.get(runs.size() - 1).add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[3])});
        }
      }
    }
    // The longest incarnation says the most about growth; the others are summarised by the max.
    List<long[]> longest = List.of();
    long max = -1;
    for (List<long[]> r : runs) {
      if (r.isEmpty()) {
        continue;
      }
      long startMs = r.get(0)[0];
      List<long[]> warm = r.stream().filter(x -> x[0] - startMs >= 50_000).toList();
      for (long[] x : r) {
        max = Math.max(max, x[1]);
      }
      if (warm.size() > longest.size()) {
        longest = warm;
      }
    }
    Trend t = SoakTally.trend(longest);
    out.put(
        name + " heap after GC (longest of " + runs.size() + " runs; max of all " + mb(max) + ")",
        t);
    return out;
  }

  private static void sampleRedis(String url, List<long[]> into) {
    while (true) {
      pause(Duration.ofSeconds(15));
      try {
        Process p =
            new ProcessBuilder(ServerProc.binary("redis-cli"), "-u", url, "INFO", "memory")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        for (String line : out.split("\r?\n")) {
          if (line.startsWith("used_memory:")) {
            into.add(
                new long[] {
                  System.currentTimeMillis(),
                  Long.parseLong(line.substring("used_memory:".length()).trim())
                });
          }
        }
      } catch (IOException | RuntimeException e) {
        // Redis is down (a fault): no sample
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The soak's report in Markdown. */
  static String markdown(Result r) {
    Report rep = r.report();
    StringBuilder b = new StringBuilder();
    b.append("## Soak: ").append(r.settings().describe()).append("\n\n");
    b.append(
        rep.ok()
            ? "**ok**: nothing lost, nothing stuck\n\n"
            : "**FAILED**: " + String.join("; ", rep.problems()) + "\n\n");
    b.append(
        "| Jobs | Submitted | Succeeded | Ended otherwise | Ended otherwise, never ran"
            + " | Stuck | Lost | Keys run twice | Executions | Duplicates | Run took |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    b.append("| ")
        .append(rep.expected())
        .append(" | ")
        .append(rep.submitted())
        .append(" | ")
        .append(rep.succeeded())
        .append(" | ")
        .append(rep.otherEnds().isEmpty() ? "0" : rep.otherEnds().toString())
        .append(" | ")
        .append(rep.endedWithoutRunning())
        .append(" | ")
        .append(rep.stuck())
        .append(" | ")
        .append(rep.lost())
        .append(" | ")
        .append(rep.keysWithTwoJobs())
        .append(" | ")
        .append(rep.executions())
        .append(" | ")
        .append(rep.duplicates())
        .append(" | ")
        .append(r.elapsed().toMinutes())
        .append(" min |\n");
    if (!rep.stuckOrLostExamples().isEmpty()) {
      b.append("\nStuck or lost (first ")
          .append(rep.stuckOrLostExamples().size())
          .append("): ")
          .append(String.join(", ", rep.stuckOrLostExamples()))
          .append("\n");
    }
    b.append(
        "\n| # | Fault (kill -9) | At | Jobs affected | Recovered after kill | Longest"
            + " stall |\n|---|---|---|---|---|---|\n");
    long t0 = r.loadStartMs();
    int n = 0;
    for (Recovery rec : rep.recoveries()) {
      b.append("| ")
          .append(++n)
          .append(" | ")
          .append(rec.fault().label())
          .append(" | +")
          .append((rec.fault().killedMs() - t0) / 1000)
          .append(" s | ")
          .append(rec.affected())
          .append(" | ")
          .append(
              rec.recoveredMs() < 0
                  ? "never (" + rec.unfinished() + " not ended)"
                  : seconds(rec.recoveredMs()))
          .append(" | ")
          .append(seconds(rec.stallMs()))
          .append(" |\n");
    }
    b.append(
        "\n| Memory series | Samples | First | Last | Max | Slope |\n"
            + "|---|---|---|---|---|---|\n");
    r.memory()
        .forEach(
            (name, t) ->
                b.append("| ")
                    .append(name)
                    .append(" | ")
                    .append(t.samples())
                    .append(" | ")
                    .append(mb(t.first()))
                    .append(" | ")
                    .append(mb(t.last()))
                    .append(" | ")
                    .append(mb(t.max()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f MB/h", t.slopePerHour() / 1e6))
                    .append(" |\n"));
    Trend redis = r.memory().get("Redis used_memory");
    if (redis != null && redis.samples() > 1 && rep.submitted() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "%nRedis grew %.1f KB per job submitted (job records"
                  + " are kept for JOB_META_TTL, 7 days by default, and context and result blobs for"
                  + " REDIS_DATA_TTL, 24 h: growth in a soak is expected; a leak shows as more per"
                  + " job).%n",
              (redis.last() - redis.first()) / 1e3 / rep.submitted()));
    }
    return b.toString();
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void waitUntil(long epochMs) {
    long wait = epochMs - System.currentTimeMillis();
    if (wait > 0) {
      pause(Duration.ofMillis(wait));
    }
  }

  private static void pause(Duration d) {
    LockSupport.parkNanos(d.toNanos()); // the soak paces real processes: real time
  }
}
