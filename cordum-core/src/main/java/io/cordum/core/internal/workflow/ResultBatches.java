package io.cordum.core.internal.workflow;

import io.cordum.api.job.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job results waiting to be applied, per run. The thread that offers the first result of a run
 * applies it at once and then, until the run's queue is empty, every result that arrived meanwhile
 * as one batch: results of one run that arrive together cost one run change (one read, one
 * scheduling pass, one compare-and-set) instead of one each, and they no longer race each other's
 * compare-and-set. No thread waits for another: an offer to a run being applied only queues.
 *
 * <p>A queued result lives only in this process until it is applied; if the process stops first,
 * the step's job check (or {@code recover} on a restart) applies it from the job store, as for a
 * result that was never seen.
 */
final class ResultBatches {
  private static final Logger log = LoggerFactory.getLogger(ResultBatches.class);

  /** A finished job and what it produced, for its step. */
  record Result(String stepKey, JobRecord job, @Nullable Object output, @Nullable String problem) {}

  private final BiConsumer<String, List<Result>> apply;

  /** Runs with results in hand; an entry exists while one thread is applying that run's results. */
  private final ConcurrentHashMap<String, List<Result>> queued = new ConcurrentHashMap<>();

  ResultBatches(BiConsumer<String, List<Result>> apply) {
    this.apply = apply;
  }

  /**
   * Applies {@code r} on this thread, with whatever else arrives for the run meanwhile; or, when
   * another thread is applying the run's results, leaves it to that thread.
   */
  void offer(String runId, Result r) {
    boolean[] first = {false};
    queued.compute(
        runId,
        (k, cur) -> {
          if (cur == null) {
            first[0] = true;
            cur = new ArrayList<>();
          }
          cur.add(r);
          return cur;
        });
    if (first[0]) {
      drain(runId);
    }
  }

  private void drain(String runId) {
    while (true) {
      List<Result> batch = take(runId);
      if (batch == null) {
        return;
      }
      try {
        apply.accept(runId, batch);
      } catch (RuntimeException e) {
        // Left to the steps' job checks, which read the results from the job store again.
        log.warn(
            "workflow run {}: applying {} job results failed, the job checks will retry: {}",
            runId,
            batch.size(),
            e.toString());
      }
    }
  }

  /** The results queued for a run, or null (and the run's entry removed) when there are none. */
  private @Nullable List<Result> take(String runId) {
    List<Result> out = new ArrayList<>();
    queued.computeIfPresent(
        runId,
        (k, cur) -> {
          if (cur.isEmpty()) {
            return null;
          }
          out.addAll(cur);
          cur.clear();
          return cur;
        });
    return out.isEmpty() ? null : out;
  }
}
