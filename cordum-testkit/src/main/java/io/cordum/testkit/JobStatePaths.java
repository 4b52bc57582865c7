package io.cordum.testkit;

import io.cordum.api.job.JobState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/** Walks the job state machine, so a test can bring a job into any state by legal moves. */
final class JobStatePaths {
  private JobStatePaths() {}

  /**
   * The shortest list of states leading from {@code from} ({@code null}: no record yet) to {@code
   * to}, excluding {@code from}; empty when they are equal.
   */
  static List<JobState> path(@Nullable JobState from, JobState to) {
    if (from == to) {
      return List.of();
    }
    Map<JobState, List<JobState>> paths = new EnumMap<>(JobState.class);
    Queue<JobState> queue = new ArrayDeque<>();
    for (JobState s : JobState.values()) {
      if (s != from && JobState.canTransition(from, s)) {
        paths.put(s, List.of(s));
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      JobState s = queue.remove();
      if (s == to) {
        return Objects.requireNonNull(paths.get(s)); // queued states have a path
      }
      for (JobState next : s.allowedTargets()) {
        if (!paths.containsKey(next)) {
          List<JobState> p = new ArrayList<>(paths.get(s));
          p.add(next);
          paths.put(next, p);
          queue.add(next);
        }
      }
    }
    throw new IllegalArgumentException("no path from " + from + " to " + to);
  }

  static List<JobState> terminal() {
    return Arrays.stream(JobState.values()).filter(JobState::isTerminal).toList();
  }

  static List<JobState> nonTerminal() {
    return Arrays.stream(JobState.values()).filter(s -> !s.isTerminal()).toList();
  }
}
