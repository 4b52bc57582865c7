package io.cordum.cli;

import io.cordum.client.StreamListener;
import io.cordum.client.StreamSubscription;
import io.cordum.client.model.StreamEvent;
import io.cordum.client.model.StreamFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cordumctl stream}: live events until interrupted. */
@Command(
    name = "stream",
    description =
        "Follow live events (one line each; -o json: one JSON "
            + "object per line) until Ctrl-C, --count or --for.")
final class StreamCommand extends Cmd {
  @Option(names = "--job", paramLabel = "JOB_ID")
  @Nullable String job;

  @Option(names = "--run", paramLabel = "RUN_ID")
  @Nullable String run;

  @Option(
      names = "--topic",
      paramLabel = "SUBJECT",
      description = "a NATS subject pattern, such as sys.job.>")
  @Nullable String topic;

  @Option(
      names = "--kind",
      split = ",",
      description = "jobRequest, jobResult, jobProgress, " + "jobCancel, heartbeat, alert")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--count", description = "stop after this many events")
  int count;

  @Option(names = "--for", paramLabel = "DURATION", description = "stop after this long")
  @Nullable String duration;

  /** What the listener hands to the printing thread. */
  private record Item(@Nullable StreamEvent event, @Nullable String end, int code) {}

  @Override
  int run() throws InterruptedException {
    StreamFilter f =
        new StreamFilter(
            topic == null ? "" : topic,
            job == null ? "" : job,
            run == null ? "" : run,
            new LinkedHashSet<>(kinds));
    BlockingQueue<Item> q = new LinkedBlockingQueue<>();
    long deadline =
        duration == null
            ? Long.MAX_VALUE
            : System.nanoTime() + Inputs.duration("--for", duration).toNanos();
    try (StreamSubscription sub =
        client().stream()
            .subscribe(
                f,
                new StreamListener() {
                  @Override
                  public void onEvent(StreamEvent e) {
                    q.add(new Item(e, null, 0));
                  }

                  @Override
                  public void onError(Throwable error) {
                    q.add(new Item(null, "stream failed: " + Errors.line(error), Exit.SERVER));
                  }

                  @Override
                  public void onClosed(int code, String reason) {
                    q.add(
                        new Item(
                            null,
                            code == 1000 || code == 1001
                                ? ""
                                : "stream closed by the gateway: " + code + " " + reason,
                            code == 1000 || code == 1001 ? Exit.OK : Exit.ERROR));
                  }
                })) {
      int seen = 0;
      while (count <= 0 || seen < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        Item it = q.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        if (it == null) {
          continue;
        }
        if (it.event() == null) {
          if (it.end() != null && !it.end().isEmpty()) {
            root().err.println("error: " + it.end());
          }
          return it.code();
        }
        print(it.event());
        seen++;
      }
    }
    return Exit.OK;
  }

  private void print(StreamEvent e) {
    var p = root().out;
    if (out().structured()) {
      p.println(e.json().replace("\n", ""));
    } else if (out().quiet) {
      p.println(e.jobId().isEmpty() ? e.field("workerId") : e.jobId());
    } else {
      String what =
          switch (e.kind()) {
            case "jobRequest" -> e.field("topic");
            case "jobResult" ->
                e.status().replace("JOB_STATUS_", "")
                    + (e.field("errorCode").isEmpty() ? "" : " " + e.field("errorCode"));
            case "jobProgress" -> e.field("percent") + "% " + e.field("message");
            case "jobCancel" -> e.field("reason");
            case "heartbeat" -> e.field("pool") + " active=" + e.field("activeJobs");
            default -> e.field("message");
          };
      String id = e.jobId().isEmpty() ? e.field("workerId") : e.jobId();
      p.println(Table.time(e.createdAt()) + "  " + e.kind() + "  " + id + "  " + what.trim());
    }
    p.flush();
  }
}
