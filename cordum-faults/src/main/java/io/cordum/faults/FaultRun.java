package io.cordum.faults;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStore;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Scenario}: engines, control plane, two workers, the client, the kill, then the
 * checks. Every process it starts is killed at the end, and only those.
 */
final class FaultRun {
  private static final Logger log = LoggerFactory.getLogger(FaultRun.class);
  private static final Duration START = Duration.ofSeconds(90);

  private final Scenario sc;
  private final Path dir;
  private final Duration settleBound;
  private final List<JavaProcess> processes = new ArrayList<>();

  FaultRun(Scenario sc, Path dir, Duration settleBound) {
    this.sc = sc;
    this.dir = dir;
    this.settleBound = settleBound;
  }

  Outcome run() {
    Instant began = Instant.now();
    try (Engines engines = sc.clustered() ? ClusterEngines.start(dir) : new SingleEngines()) {
      Map<String, String> env = engines.env(sc.jetStream());
      try {
        return drive(engines, env, began);
      } finally {
        processes.forEach(JavaProcess::kill9);
      }
    }
  }

  private Outcome drive(Engines engines, Map<String, String> env, Instant began) {
    Path submittedFile = dir.resolve("submitted.tsv");
    Path execFile = dir.resolve("executions.tsv");
    int replicas = sc.fault() == Fault.REPLICA ? 2 : 1;
    List<JavaProcess> cps = new ArrayList<>();
    for (int i = 1; i <= replicas; i++) {
      cps.add(start("control-plane-" + i, ControlPlaneMain.class, env));
    }
    JavaProcess w1 =
        start(
            "worker-1",
            WorkerMain.class,
            env,
            "w1",
            "4",
            Long.toString(sc.workMs()),
            execFile.toString());
    start(
        "worker-2",
        WorkerMain.class,
        env,
        "w2",
        "4",
        Long.toString(sc.workMs()),
        execFile.toString());
    for (JavaProcess p : processes) {
      p.awaitLine("READY", START);
    }
    JavaProcess client =
        start(
            "client",
            ClientMain.class,
            env,
            Integer.toString(sc.jobs()),
            Double.toString(sc.rate()),
            "k",
            submittedFile.toString());

    // The kill, once about a third of the jobs are in.
    awaitLines(submittedFile, sc.jobs() / 3, START);
    Instant killedAt = Instant.now();
    log.info("{}: kill -9 at {}", sc.name(), killedAt);
    switch (sc.fault()) {
      case CONTROL_PLANE -> {
        cps.get(0).kill9();
        pause(sc.downtime());
        start("control-plane-1", ControlPlaneMain.class, env).awaitLine("READY", START);
      }
      case REPLICA -> cps.get(0).kill9();
      case WORKER -> w1.kill9();
      case WORKER_RESTART -> {
        w1.kill9();
        pause(Duration.ofSeconds(1));
        start(
                "worker-1",
                WorkerMain.class,
                env,
                "w1",
                "4",
                Long.toString(sc.workMs()),
                execFile.toString())
            .awaitLine("READY", START);
      }
      case REDIS -> {
        engines.killRedis();
        pause(sc.downtime());
        engines.restartRedis();
      }
      case NATS -> {
        engines.killNats();
        pause(sc.downtime());
        engines.restartNats();
      }
    }
    client.awaitLine("DONE", Duration.ofSeconds((long) (sc.jobs() / sc.rate()) + 300));

    Map<String, String> keyOf = new LinkedHashMap<>();
    Map<String, Set<String>> jobsOfKey = new HashMap<>();
    for (String[] l : DurableLog.read(submittedFile)) {
      keyOf.put(l[0], l[1]);
      jobsOfKey.computeIfAbsent(l[1], k -> new HashSet<>()).add(l[0]);
    }
    Map<String, JobRecord> finals = awaitTerminal(env, keyOf.keySet());
    return outcome(keyOf, jobsOfKey, finals, DurableLog.read(execFile), killedAt, began);
  }

  private JavaProcess start(String name, Class<?> main, Map<String, String> env, String... args) {
    JavaProcess p = JavaProcess.start(name, main, env, dir, args);
    processes.add(p);
    return p;
  }

  /** Reads the jobs until all are terminal or the bound passes (retrying a store that is down). */
  private Map<String, JobRecord> awaitTerminal(Map<String, String> env, Set<String> ids) {
    Map<String, JobRecord> finals = new HashMap<>();
    Set<String> open = new HashSet<>(ids);
    long deadline = System.nanoTime() + settleBound.toNanos();
    try (RedisConnections redis = RedisConnections.create(RedisConfig.fromEnvironment(env))) {
      JobStore store = new RedisJobStore(redis, InstantSource.system());
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        for (String id : List.copyOf(open)) {
          try {
            Optional<JobRecord> r = store.get(id);
            r.ifPresent(rec -> finals.put(id, rec));
            if (r.isPresent() && r.get().isTerminal()) {
              open.remove(id);
            }
          } catch (RuntimeException e) {
            break; // the store is not back yet
          }
        }
        if (!open.isEmpty()) {
          pause(Duration.ofMillis(500));
        }
      }
    }
    return finals;
  }

  private Outcome outcome(
      Map<String, String> keyOf,
      Map<String, Set<String>> jobsOfKey,
      Map<String, JobRecord> finals,
      List<String[]> execs,
      Instant killedAt,
      Instant began) {
    int succeeded = 0;
    int stuck = 0;
    int lost = 0;
    Map<String, Integer> other = new TreeMap<>();
    List<Instant> ends = new ArrayList<>();
    for (String id : keyOf.keySet()) {
      JobRecord r = finals.get(id);
      if (r == null) {
        lost++;
      } else if (!r.isTerminal()) {
        stuck++;
        // What a stuck job looks like is what its fix needs: say it in the log.
        log.warn(
            "{}: stuck job {} {} attempts={} worker='{}' topic={} updated={} reason={} {}",
            sc.name(),
            r.id(),
            r.state(),
            r.attempts(),
            r.workerId(),
            r.topic(),
            r.updatedAt(),
            r.reasonCode(),
            r.reason());
      } else {
        ends.add(r.updatedAt());
        if (r.state() == io.cordum.api.job.JobState.SUCCEEDED) {
          succeeded++;
        } else {
          other.merge(r.state() + " " + r.reasonCode(), 1, Integer::sum);
        }
      }
    }
    Map<String, Integer> runs = new HashMap<>();
    Map<String, Set<String>> executedByKey = new HashMap<>();
    for (String[] e : execs) {
      if (e.length < 4) {
        continue;
      }
      runs.merge(e[0], 1, Integer::sum);
      executedByKey.computeIfAbsent(e[1], k -> new HashSet<>()).add(e[0]);
    }
    int duplicates = runs.values().stream().mapToInt(n -> n - 1).sum();
    int keysWithTwo =
        (int) executedByKey.values().stream().filter(s -> s.size() > 1).count()
            + (int) jobsOfKey.values().stream().filter(s -> s.size() > 1).count();
    ends.sort(null);
    Duration stall = Duration.ZERO;
    Instant prev = killedAt;
    for (Instant t : ends) {
      if (t.isAfter(prev)) {
        Duration gap = Duration.between(prev, t);
        if (gap.compareTo(stall) > 0) {
          stall = gap;
        }
        prev = t;
      }
    }
    Duration settled =
        ends.isEmpty() ? Duration.ZERO : Duration.between(killedAt, ends.get(ends.size() - 1));
    return new Outcome(
        sc,
        keyOf.size(),
        succeeded,
        other,
        stuck,
        lost,
        keysWithTwo,
        runs.values().stream().mapToInt(Integer::intValue).sum(),
        duplicates,
        stall,
        settled,
        Duration.between(began, Instant.now()));
  }

  private static void awaitLines(Path file, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (DurableLog.read(file).size() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the client did not submit "
                + n
                + " jobs within "
                + timeout
                + "; see "
                + file.getParent());
      }
      pause(Duration.ofMillis(50));
    }
  }

  private static void pause(Duration d) {
    LockSupport.parkNanos(d.toNanos()); // the suite waits on other processes: real time
  }
}
