package io.cordum.cli;

import io.cordum.client.CordumClient;
import io.cordum.client.CordumClientException;
import io.cordum.client.StreamListener;
import io.cordum.client.StreamSubscription;
import io.cordum.client.model.JobDetail;
import io.cordum.client.model.JobState;
import io.cordum.client.model.StepRun;
import io.cordum.client.model.StreamEvent;
import io.cordum.client.model.StreamFilter;
import io.cordum.client.model.WorkflowRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code --wait}: follows a job or run to its end. It reads the job (or run) at growing intervals
 * and listens to the live stream, which wakes it at once and carries progress messages. Progress
 * goes to stderr: on a terminal one status line redrawn in place, plus a line per change; elsewhere
 * only the lines per change.
 */
final class Follow {
  private static final String[] SPIN = {"|", "/", "-", "\\"};

  private final CordumClient client;
  private final PrintStream err;
  private final boolean tty;
  private final Semaphore wake = new Semaphore(0);
  private final long started = System.nanoTime();
  private int frame;
  private boolean statusShown;

  Follow(CordumClient client, PrintStream err, boolean tty) {
    this.client = client;
    this.err = err;
    this.tty = tty;
  }

  /** The outcome: the last value read, and whether the wait ran out. */
  record Outcome<T>(T value, boolean timedOut) {}

  Outcome<JobDetail> job(String jobId, Duration timeout) {
    try (StreamSubscription sub =
        listen(
            StreamFilter.job(jobId),
            e -> {
              if (e.kind().equals("jobProgress")) {
                line("job " + jobId + ": " + progress(e));
              }
              wake.release();
            })) {
      return loop(
          () -> client.jobs().get(jobId),
          JobDetail::isTerminal,
          timeout,
          (prev, j) -> {
            if (prev == null || prev.state() != j.state()) {
              line(
                  "job "
                      + jobId
                      + ": "
                      + j.state()
                      + (j.reasonCode().isEmpty() ? "" : " (" + j.reasonCode() + ")"));
              if (j.state() == JobState.APPROVAL_REQUIRED) {
                line(
                    "  it waits for a human: cordumctl approval job "
                        + jobId
                        + " --approve (or --reject)");
              }
            }
          },
          j -> "job " + jobId + "  " + j.state());
    }
  }

  Outcome<WorkflowRun> run(String runId, Duration timeout) {
    try (StreamSubscription sub =
        listen(
            StreamFilter.run(runId),
            e -> {
              if (e.kind().equals("jobProgress")) {
                line("run " + runId + ": " + progress(e));
              }
              wake.release();
            })) {
      return loop(
          () -> client.runs().get(runId),
          WorkflowRun::isTerminal,
          timeout,
          (prev, r) -> {
            if (prev == null || prev.status() != r.status()) {
              line(
                  "run "
                      + runId
                      + ": "
                      + r.status().wireName()
                      + (r.error() == null ? "" : " (" + r.error().message() + ")"));
            }
            Map<String, StepRun> before = prev == null ? Map.of() : prev.steps();
            r.steps()
                .forEach(
                    (id, s) -> {
                      StepRun old = before.get(id);
                      if (old == null || !Objects.equals(old.status(), s.status())) {
                        line(
                            "  step "
                                + id
                                + ": "
                                + s.status()
                                + (s.error() == null ? "" : " (" + s.error().message() + ")"));
                        if (s.status().equals("waiting") && !s.approvalId().isEmpty()) {
                          line(
                              "  it waits for a human: cordumctl approval step "
                                  + r.workflowId()
                                  + " "
                                  + runId
                                  + " "
                                  + id
                                  + " --approve (or --reject)");
                        }
                      }
                    });
          },
          r -> "run " + runId + "  " + r.status().wireName() + "  " + steps(r));
    }
  }

  private static String steps(WorkflowRun r) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    r.steps().values().forEach(s -> counts.merge(s.status(), 1, Integer::sum));
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(v).append(' ').append(k).append(' '));
    return b.toString().trim();
  }

  private static String progress(StreamEvent e) {
    String pct = e.field("percent");
    String msg = e.field("message");
    return (pct.isEmpty() ? "" : pct + "% ") + msg;
  }

  interface Change<T> {
    void seen(@Nullable T previous, T current);
  }

  private <T> Outcome<T> loop(
      Supplier<T> read,
      java.util.function.Predicate<T> done,
      Duration timeout,
      Change<T> change,
      java.util.function.Function<T, String> status) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMs = 100;
    T prev = null;
    while (true) {
      T now = read.get();
      change.seen(prev, now);
      prev = now;
      if (done.test(now)) {
        clearStatus();
        return new Outcome<>(now, false);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        clearStatus();
        return new Outcome<>(now, true);
      }
      drawStatus(status.apply(now));
      try {
        if (wake.tryAcquire(
            Math.min(pauseMs, TimeUnit.NANOSECONDS.toMillis(left) + 1), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        clearStatus();
        return new Outcome<>(now, true);
      }
      pauseMs = Math.min(1000, pauseMs * 3 / 2);
    }
  }

  private @Nullable StreamSubscription listen(StreamFilter filter, StreamListener l) {
    try {
      return client.stream().subscribe(filter, l);
    } catch (CordumClientException e) {
      return null; // polling alone still follows it
    }
  }

  private void line(String s) {
    clearStatus();
    err.println(s);
  }

  private void drawStatus(String s) {
    if (!tty) {
      return;
    }
    double secs = (System.nanoTime() - started) / 1e9;
    err.print(
        "\r\033[K"
            + SPIN[frame++ % SPIN.length]
            + " "
            + s
            + "  "
            + String.format(java.util.Locale.ROOT, "%.1fs", secs));
    err.flush();
    statusShown = true;
  }

  private void clearStatus() {
    if (tty && statusShown) {
      err.print("\r\033[K");
      err.flush();
      statusShown = false;
    }
  }
}
