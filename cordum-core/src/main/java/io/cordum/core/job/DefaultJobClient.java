package io.cordum.core.job;

import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.IdempotencyReservation;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStateEvent;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.job.Tenants;
import io.cordum.api.pointer.PointerStore;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.scheduler.Scheduler;
import io.cordum.core.secret.SecretRefs;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits jobs the way Cordum's gateway does: reserve the idempotency key, store the input behind
 * {@code redis://ctx:<job_id>}, record the job as PENDING, publish it on {@code sys.job.submit}.
 * If the publish fails the job is not lost: it keeps PENDING with a due timer, and the scheduler's
 * timer loop dispatches it once the bus is back.
 */
public final class DefaultJobClient implements JobClient {
  private static final Logger log = LoggerFactory.getLogger(DefaultJobClient.class);
  private static final Pattern BAD_ID = Pattern.compile(".*[\\s\\p{Cntrl}].*");
  /** The sender id of packets this client publishes. */
  public static final String SENDER = "cordum-client";

  private final Bus bus;
  private final JobStore store;
  private final PointerStore pointers;
  private final Scheduler scheduler;
  private final TerminalWatcher watcher;
  private final InstantSource clock;

  /** Creates the client. */
  public DefaultJobClient(Bus bus, JobStore store, PointerStore pointers, Scheduler scheduler,
      TerminalWatcher watcher, InstantSource clock) {
    this.bus = bus;
    this.store = store;
    this.pointers = pointers;
    this.scheduler = scheduler;
    this.watcher = watcher;
    this.clock = clock;
  }

  @Override
  public SubmittedJob submit(JobSubmission submission) {
    JobRequest req = submission.request();
    validate(req);
    String jobId = req.jobId().isBlank() ? newJobId() : req.jobId().trim();
    req = req.toBuilder().jobId(jobId).topic(req.topic().trim()).build();
    req = SecretRefs.tag(req, submission.input()); // risk tag + label when secret:// refs appear
    String traceId = submission.traceId().isBlank() ? jobId : submission.traceId().trim();
    String tenant = Tenants.of(req);
    String key = req.meta() == null ? "" : req.meta().idempotencyKey().trim();
    if (!key.isEmpty()) {
      IdempotencyReservation r = store.reserveIdempotencyKey(tenant, key, jobId);
      if (!r.reserved()) {
        String trace = store.get(r.jobId()).map(JobRecord::traceId).orElse("");
        return new SubmittedJob(r.jobId(), trace, true);
      }
    }
    try {
      byte[] input = submission.input();
      if (input != null) {
        req = req.toBuilder().contextPtr(pointers.putContext(jobId, input)).build();
      }
      store.save(req, traceId);
    } catch (RuntimeException e) {
      if (!key.isEmpty()) {
        store.releaseIdempotencyKey(tenant, key, jobId);
      }
      throw e;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      bus.publish(Subjects.SUBMIT, BusPacket.of(traceId, SENDER, now, req));
    } catch (RuntimeException e) {
      log.warn("publish of job {} failed; the scheduler's timer loop will dispatch it: {}",
          jobId, e.toString());
      store.setTimer(jobId, now, "publish_failed", "submit publish failed: " + e.getMessage(),
          -1);
    }
    return new SubmittedJob(jobId, traceId, false);
  }

  /**
   * A random version-4 UUID. Job ids need uniqueness, not unpredictability, so this skips
   * {@code UUID.randomUUID()}'s SecureRandom, which serialises every submit on one lock.
   */
  static String newJobId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private static void validate(JobRequest req) {
    List<Violation> v = new ArrayList<>();
    String topic = req.topic().trim();
    if (topic.isEmpty()) {
      v.add(new Violation("topic", "must not be blank"));
    } else if (!Subjects.isLiteral(topic)) {
      v.add(new Violation("topic", "must be a subject of dot-separated tokens without wildcards"
          + " or spaces, such as job.default; was \"" + req.topic() + "\""));
    }
    if (!req.jobId().isBlank() && BAD_ID.matcher(req.jobId().trim()).matches()) {
      v.add(new Violation("job_id", "must not contain whitespace or control characters"));
    }
    req.labels().keySet().forEach(k -> {
      if (k.isBlank()) {
        v.add(new Violation("labels", "keys must not be blank"));
      }
    });
    if (req.budget() != null && req.budget().deadlineMs() < 0) {
      v.add(new Violation("budget.deadline_ms", "must not be negative"));
    }
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  @Override
  public Optional<JobRecord> get(String jobId) {
    return store.get(jobId);
  }

  @Override
  public Optional<JobRequest> request(String jobId) {
    return store.getRequest(jobId);
  }

  @Override
  public Page<JobRecord> list(JobQuery query) {
    return store.list(query);
  }

  @Override
  public List<JobStateEvent> history(String jobId) {
    return store.history(jobId);
  }

  @Override
  public JobRecord cancel(String jobId, String reason) {
    return scheduler.cancel(jobId, reason);
  }

  @Override
  public CompletableFuture<JobRecord> awaitTerminal(String jobId) {
    return watcher.await(jobId);
  }

  @Override
  public Optional<byte[]> input(String jobId) {
    return store.getRequest(jobId).map(JobRequest::contextPtr).filter(p -> !p.isBlank())
        .flatMap(pointers::get);
  }

  @Override
  public Optional<byte[]> result(String jobId) {
    return store.get(jobId).map(JobRecord::resultPtr).filter(p -> !p.isBlank())
        .flatMap(pointers::get);
  }
}
