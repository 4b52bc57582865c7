package io.cordum.nats.internal;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which subjects JetStream carries, how consumers are named, and dedup message ids. */
public final class DurableSubjects {
  /** The stream of the scheduler's durable system subjects. */
  public static final String SYS_STREAM = "CORDUM_SYS";

  /** The stream of pool topics and workers' direct subjects. */
  public static final String JOBS_STREAM = "CORDUM_JOBS";

  /**
   * Subjects of {@link #SYS_STREAM}: only the durable ones; heartbeats, cancels and other
   * fire-and-forget subjects would only fill the stream.
   */
  public static final List<String> SYS_SUBJECTS =
      List.of(Subjects.SUBMIT, Subjects.RESULT, Subjects.DLQ);

  /** Subjects of {@link #JOBS_STREAM}. */
  public static final List<String> JOBS_SUBJECTS = List.of("job.>", "worker.*.jobs");

  /** The label that overrides a job request's dedup id. */
  public static final String MSG_ID_LABEL = "cordum.bus_msg_id";

  private DurableSubjects() {}

  /**
   * Whether a subject (or subscription pattern) is carried by JetStream: the submit, result and DLQ
   * subjects, pool topics {@code job.*} and direct subjects {@code worker.*.jobs}.
   */
  public static boolean isDurable(String subject) {
    return subject.equals(Subjects.SUBMIT)
        || subject.equals(Subjects.RESULT)
        || subject.equals(Subjects.DLQ)
        || subject.startsWith("job.")
        || (subject.startsWith("worker.") && subject.endsWith(".jobs"));
  }

  /**
   * The durable consumer of a queue group on a subject: {@code dur_<queue>__<subject>} with {@code
   * .} as {@code _}, {@code *} as {@code STAR} and {@code >} as {@code GT}.
   */
  public static String durableName(String queue, String subject) {
    return "dur_" + sanitize(queue) + "__" + sanitize(subject);
  }

  private static String sanitize(String s) {
    return s.replace(".", "_").replace("*", "STAR").replace(">", "GT");
  }

  /** {@link #messageId(String, BusPacket, String)} without a publisher-given id. */
  public static @Nullable String messageId(String subject, BusPacket packet) {
    return messageId(subject, packet, null);
  }

  /**
   * The {@code Nats-Msg-Id} of a packet, or {@code null} for none. Job requests: the id the
   * publisher gave ({@code Bus.publish(subject, packet, id)}; the scheduler gives {@code
   * <job_id>@<attempt>} so a retry is not swallowed as a duplicate) or else the label {@code
   * cordum.bus_msg_id} that Cordum's Go components set, gives {@code jobreq:<subject>:<id>};
   * otherwise {@code jobreq:<job_id>}. Dead-letter records: {@code sys.job.dlq:<job_id>}. Results
   * get none: a retried job's second result inside the dedup window would otherwise be dropped.
   */
  public static @Nullable String messageId(
      String subject, BusPacket packet, @Nullable String given) {
    if (packet.payload() instanceof JobRequest r) {
      String override =
          given != null && !given.isBlank()
              ? given.trim()
              : r.labels().getOrDefault(MSG_ID_LABEL, "").trim();
      if (!override.isEmpty()) {
        return "jobreq:" + subject + ":" + override;
      }
      return r.jobId().isBlank() ? null : "jobreq:" + r.jobId();
    }
    if (packet.payload() instanceof JobResult r
        && subject.equals(Subjects.DLQ)
        && !r.jobId().isBlank()) {
      return subject + ":" + r.jobId();
    }
    return null;
  }
}
