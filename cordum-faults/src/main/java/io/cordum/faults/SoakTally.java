package io.cordum.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The accounting of a soak run, apart from the processes that produced its inputs (so that it can
 * be tested): which submitted jobs succeeded, ended otherwise (by state and reason), are stuck (not
 * terminal) or lost (unknown to the job store); how many handler executions were duplicates; which
 * idempotency keys ran under two jobs; how long each fault took to recover from; and the trend of a
 * memory series.
 */
final class SoakTally {
  private SoakTally() {}

  /**
   * A job the client was given: its id, its idempotency key, and when it was submitted (by the
   * client's schedule: a submit held up by a fault counts from when it was due).
   */
  record Submission(String jobId, String key, long atMs) {}

  /**
   * What the job store says of a job at the end.
   *
   * @param state the state's name
   * @param terminal whether the state is terminal
   * @param reason the reason code of a terminal state other than success, if any
   * @param updatedMs the last write (for a terminal job: when it ended)
   */
  record JobEnd(String state, boolean terminal, @Nullable String reason, long updatedMs) {
    boolean succeeded() {
      return terminal && state.equals("SUCCEEDED");
    }
  }

  /** A handler execution recorded by a worker. */
  record Execution(String jobId, String key, String workerId, long atMs) {}

  /**
   * A fault the soak injected: {@code killedMs} the kill, {@code restoredMs} when what was killed
   * was running again (for a fault that does not come back: the kill).
   */
  record FaultEvent(String label, long killedMs, long restoredMs) {}

  /**
   * How long a fault took to recover from: the jobs submitted after the previous fault was restored
   * and up to this one's restore (those in flight at the kill or submitted while the process was
   * down), and from the kill until the last of them ended.
   *
   * @param affected jobs in that window
   * @param unfinished of those, not terminal at the end (stuck or lost)
   * @param recoveredMs from the kill until the last of them ended; -1 when some never did
   * @param stallMs the longest time from the kill on without any job of the run ending, up to the
   *     recovery (or the end)
   */
  record Recovery(FaultEvent fault, int affected, int unfinished, long recoveredMs, long stallMs) {}

  /** The whole account. */
  record Report(
      int expected,
      int submitted,
      int succeeded,
      Map<String, Integer> otherEnds,
      int stuck,
      int lost,
      List<String> stuckOrLostExamples,
      int keysWithTwoJobs,
      int executions,
      int duplicates,
      int endedWithoutRunning,
      List<Recovery> recoveries) {

    /** Nothing lost, nothing stuck, every job submitted, no key ran twice. */
    boolean ok() {
      return lost == 0 && stuck == 0 && keysWithTwoJobs == 0 && submitted == expected;
    }

    /** Why {@link #ok()} is false, in words (empty when it is true). */
    List<String> problems() {
      List<String> p = new ArrayList<>();
      if (submitted != expected) {
        p.add("the client was given " + submitted + " job ids of " + expected);
      }
      if (lost > 0) {
        p.add(lost + " jobs lost (unknown to the job store)");
      }
      if (stuck > 0) {
        p.add(stuck + " jobs stuck (not terminal)");
      }
      if (keysWithTwoJobs > 0) {
        p.add(keysWithTwoJobs + " idempotency keys ran under two jobs");
      }
      return p;
    }
  }

  /**
   * Tallies a run.
   *
   * @param expected how many jobs the client was to submit
   * @param submissions what the client recorded (one line per job id it was given)
   * @param ends the job store's record of each submitted job it knows
   * @param executions what the workers recorded
   * @param faults the injected faults, in order
   */
  static Report tally(
      int expected,
      List<Submission> submissions,
      Map<String, JobEnd> ends,
      List<Execution> executions,
      List<FaultEvent> faults) {
    Map<String, Submission> byId = new LinkedHashMap<>();
    Map<String, Set<String>> jobsOfKey = new HashMap<>();
    for (Submission s : submissions) {
      byId.putIfAbsent(s.jobId(), s);
      jobsOfKey.computeIfAbsent(s.key(), k -> new HashSet<>()).add(s.jobId());
    }
    Map<String, Integer> runs = new HashMap<>();
    Map<String, Set<String>> executedByKey = new HashMap<>();
    for (Execution e : executions) {
      runs.merge(e.jobId(), 1, Integer::sum);
      executedByKey.computeIfAbsent(e.key(), k -> new HashSet<>()).add(e.jobId());
    }
    int succeeded = 0;
    int stuck = 0;
    int lost = 0;
    int withoutRunning = 0;
    List<String> examples = new ArrayList<>();
    Map<String, Integer> other = new TreeMap<>();
    for (String id : byId.keySet()) {
      JobEnd end = ends.get(id);
      if (end == null || !end.terminal()) {
        if (end == null) {
          lost++;
        } else {
          stuck++;
        }
        if (examples.size() < 10) {
          examples.add(id + " " + (end == null ? "unknown" : end.state()));
        }
      } else if (end.succeeded()) {
        succeeded++;
      } else {
        other.merge(
            end.state()
                + (end.reason() == null || end.reason().isEmpty() ? "" : " " + end.reason()),
            1,
            Integer::sum);
        if (!runs.containsKey(id)) {
          withoutRunning++;
        }
      }
    }
    int executionCount = runs.values().stream().mapToInt(Integer::intValue).sum();
    int duplicates = runs.values().stream().mapToInt(n -> n - 1).sum();
    Set<String> keysTwice = new HashSet<>();
    executedByKey.forEach(
        (k, ids) -> {
          if (ids.size() > 1) {
            keysTwice.add(k);
          }
        });
    jobsOfKey.forEach(
        (k, ids) -> {
          if (ids.size() > 1) {
            keysTwice.add(k);
          }
        });
    return new Report(
        expected,
        byId.size(),
        succeeded,
        other,
        stuck,
        lost,
        examples,
        keysTwice.size(),
        executionCount,
        duplicates,
        withoutRunning,
        recoveries(byId.values(), ends, faults));
  }

  private static List<Recovery> recoveries(
      Collection<Submission> subs, Map<String, JobEnd> ends, List<FaultEvent> faults) {
    List<Long> endTimes = new ArrayList<>();
    for (Submission s : subs) {
      JobEnd e = ends.get(s.jobId());
      if (e != null && e.terminal()) {
        endTimes.add(e.updatedMs());
      }
    }
    endTimes.sort(null);
    List<Recovery> out = new ArrayList<>();
    long from = Long.MIN_VALUE;
    for (FaultEvent f : faults) {
      int affected = 0;
      int unfinished = 0;
      long last = f.killedMs();
      for (Submission s : subs) {
        if (s.atMs() <= from || s.atMs() > f.restoredMs()) {
          continue;
        }
        affected++;
        JobEnd e = ends.get(s.jobId());
        if (e == null || !e.terminal()) {
          unfinished++;
        } else {
          last = Math.max(last, e.updatedMs());
        }
      }
      long recovered = unfinished > 0 ? -1 : last - f.killedMs();
      long until = unfinished > 0 ? Long.MAX_VALUE : last;
      out.add(
          new Recovery(
              f, affected, unfinished, recovered, longestGap(endTimes, f.killedMs(), until)));
      from = Math.max(from, f.restoredMs());
    }
    return out;
  }

  /** The longest time in {@code [from, until]} without an element of the sorted {@code times}. */
  static long longestGap(List<Long> times, long from, long until) {
    long prev = from;
    long gap = 0;
    for (long t : times) {
      if (t <= prev) {
        continue;
      }
      if (t > until) {
        break;
      }
      gap = Math.max(gap, t - prev);
      prev = t;
    }
    if (until != Long.MAX_VALUE && until > prev) {
      gap = Math.max(gap, until - prev);
    }
    return gap;
  }

  /**
   * The trend of a memory series (such as a JVM's heap after GC, or Redis's used memory).
   *
   * @param samples how many samples
   * @param first the first sample's bytes
   * @param last the last sample's bytes
   * @param max the largest
   * @param slopePerHour the least-squares slope, bytes per hour (0 with fewer than two samples)
   */
  record Trend(int samples, long first, long last, long max, double slopePerHour) {
    static final Trend NONE = new Trend(0, -1, -1, -1, 0);
  }

  /** The trend of {@code (epoch ms, bytes)} samples; negative figures (not known) are skipped. */
  static Trend trend(List<long[]> samples) {
    List<long[]> s = samples.stream().filter(x -> x[1] >= 0).toList();
    if (s.isEmpty()) {
      return Trend.NONE;
    }
    long max = s.stream().mapToLong(x -> x[1]).max().orElse(-1);
    double slope = 0;
    if (s.size() > 1) {
      double t0 = s.get(0)[0];
      double mx = 0;
      double my = 0;
      for (long[] x : s) {
        mx += (x[0] - t0) / 3_600_000.0;
        my += x[1];
      }
      mx /= s.size();
      my /= s.size();
      double sxy = 0;
      double sxx = 0;
      for (long[] x : s) {
        double dx = (x[0] - t0) / 3_600_000.0 - mx;
        sxy += dx * (x[1] - my);
        sxx += dx * dx;
      }
      slope = sxx == 0 ? 0 : sxy / sxx;
    }
    return new Trend(s.size(), s.get(0)[1], s.get(s.size() - 1)[1], max, slope);
  }
}
