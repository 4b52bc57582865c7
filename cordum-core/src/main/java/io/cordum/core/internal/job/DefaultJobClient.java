package io.cordum.core.internal.job;

import io.cordum.api.ClosedException;
import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
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
import io.cordum.api.lock.Lease;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.internal.secret.SecretRefs;
import io.cordum.core.scheduler.ReasonCodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits jobs the way Cordum's gateway does: reserve the idempotency key, store the input behind
 * {@code redis://ctx:<job_id>}, record the job as PENDING, publish it on {@code sys.job.submit}. If
 * the publish fails the job is not lost: it keeps PENDING with a due timer, and the scheduler's
 * timer loop dispatches it once the bus is back. Before the local scheduler starts, a submit stores
 * the job with a due timer instead of publishing it (nothing listens yet), so it runs as soon as a
 * scheduler on these stores does. After {@link #close(Duration)} every call throws {@link
 * ClosedException}.
 */
public final class DefaultJobClient implements JobClient {
  private static final Logger log = LoggerFactory.getLogger(DefaultJobClient.class);

  /** The sender id of packets this client publishes. */
  public static final String SENDER = "cordum-client";

  private final Bus bus;
  private final JobStore store;
  private final PointerStore pointers;
  private final Scheduler scheduler;
  private final TerminalWatcher watcher;
  private final InstantSource clock;
  private final @Nullable LeaseStore leases;
  // Submits in progress, and whether the client is closing: close() refuses new submits and
  // waits for those in progress, so a submit either fails or is fully stored and published.
  private final AtomicInteger submitting = new AtomicInteger();
  private volatile boolean closing;

  /** Creates the client, without a lease store (see the other constructor). */
  public DefaultJobClient(
      Bus bus,
      JobStore store,
      PointerStore pointers,
      Scheduler scheduler,
      TerminalWatcher watcher,
      InstantSource clock) {
    this(bus, store, pointers, scheduler, watcher, clock, null);
  }

  /**
   * Creates the client.
   *
   * @param leases serialises submits that name the same job id, on every replica; without it, two
   *     first submits of one id at the same moment could both be stored
   */
  public DefaultJobClient(
      Bus bus,
      JobStore store,
      PointerStore pointers,
      Scheduler scheduler,
      TerminalWatcher watcher,
      InstantSource clock,
      @Nullable LeaseStore leases) {
    this.bus = bus;
    this.store = store;
    this.pointers = pointers;
    this.scheduler = scheduler;
    this.watcher = watcher;
    this.clock = clock;
    this.leases = leases;
  }

  @Override
  public SubmittedJob submit(JobSubmission submission) {
    submitting.incrementAndGet();
    try {
      checkOpen();
      return doSubmit(submission);
    } finally {
      submitting.decrementAndGet();
    }
  }

  /**
   * Refuses new calls, waits (up to {@code wait}) for submits in progress to be stored and
   * published, and returns. Called by {@code Cordum.close()} before the scheduler and the bus stop,
   * so that no submit is accepted that nothing will dispatch.
   */
  public void close(Duration wait) {
    closing = true;
    long deadline = System.nanoTime() + wait.toNanos();
    while (submitting.get() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(100_000);
    }
  }

  private void checkOpen() {
    if (closing) {
      throw new ClosedException("the control plane is closed; this client takes no more calls");
    }
  }

  private SubmittedJob doSubmit(JobSubmission submission) {
    Objects.requireNonNull(submission, "submission");
    JobRequest req = submission.request();
    SubmitValidation.check(req);
    boolean namedId = !req.jobId().isBlank();
    String jobId = namedId ? req.jobId().trim() : newJobId();
    req = req.toBuilder().jobId(jobId).topic(req.topic().trim()).build();
    req = SecretRefs.tag(req, submission.input()); // risk tag + label when secret:// refs appear
    String traceId = submission.traceId().isBlank() ? jobId : submission.traceId().trim();
    if (!namedId) {
      return create(req, submission.input(), traceId); // a fresh random id: nothing to compare
    }
    // A caller-chosen id may be taken: never rewrite that job's input or request.
    JobRequest named = req;
    return underIdLease(
        jobId,
        () -> {
          Optional<SubmittedJob> same = sameAs(jobId, named, submission.input(), "job id");
          return same.isPresent() ? same.get() : create(named, submission.input(), traceId);
        });
  }

  /**
   * The earlier job under this id, when the submit repeats it exactly; empty when there is none.
   *
   * @throws ConflictException naming the fields that differ, when the request is another one
   */
  private Optional<SubmittedJob> sameAs(
      String jobId, JobRequest req, byte @Nullable [] input, String what) {
    Optional<JobRecord> rec = store.get(jobId);
    if (rec.isEmpty()) {
      return Optional.empty();
    }
    Optional<JobRequest> stored = store.getRequest(jobId);
    List<String> diff =
        stored
            .map(
                s ->
                    SubmitMatch.differences(
                        s,
                        s.contextPtr().isBlank() ? Optional.empty() : pointers.get(s.contextPtr()),
                        req,
                        input))
            .orElse(List.of("request"));
    if (!diff.isEmpty()) {
      throw new ConflictException(
          what
              + " is taken by job "
              + jobId
              + " (now "
              + rec.get().state()
              + "), submitted with a different request: "
              + String.join(", ", diff)
              + " differ; a job's request and input are never rewritten, so submit under a"
              + " new "
              + what);
    }
    return Optional.of(new SubmittedJob(jobId, rec.get().traceId(), true));
  }

  /** Runs a submit of a caller-chosen id alone among submits of that id, on every replica. */
  private SubmittedJob underIdLease(
      String jobId, java.util.function.Supplier<SubmittedJob> submit) {
    if (leases == null) {
      return submit.get();
    }
    String key = "cordum:submit:" + jobId;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Optional<Lease> lease = leases.tryAcquire(key, Duration.ofSeconds(30));
    while (lease.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new ConflictException(
            "job " + jobId + " is being submitted by another caller" + " right now; try again");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      lease = leases.tryAcquire(key, Duration.ofSeconds(30));
    }
    try {
      return submit.get();
    } finally {
      try {
        leases.release(lease.get());
      } catch (RuntimeException e) {
        log.debug("submit lease of job {} not released (it lapses): {}", jobId, e.toString());
      }
    }
  }

  private SubmittedJob create(JobRequest request, byte @Nullable [] input, String traceId) {
    JobRequest req = request;
    String jobId = req.jobId();
    String tenant = Tenants.of(req);
    String key = req.meta() == null ? "" : req.meta().idempotencyKey().trim();
    if (!key.isEmpty()) {
      Optional<SubmittedJob> duplicate =
          duplicateOf(store.reserveIdempotencyKey(tenant, key, jobId), req, input, key);
      if (duplicate.isPresent()) {
        return duplicate.get();
      }
    }
    if (input != null) {
      req = req.toBuilder().contextPtr(pointers.putContext(jobId, input)).build();
    }
    JobRecord saved;
    try {
      // With a key, the save takes it atomically (or refuses: another live job holds it). A
      // failed save leaves the reservation behind on purpose: the save may have been applied
      // with only its reply lost, and then the key must keep naming the job. A reservation
      // whose job was never saved is taken over by the next save (issue 12, defect 1).
      saved = store.save(req, traceId);
    } catch (ConflictException e) {
      Optional<SubmittedJob> duplicate =
          store
              .findByIdempotencyKey(tenant, key)
              .flatMap(
                  holder ->
                      duplicateOf(new IdempotencyReservation(false, holder), request, input, key));
      if (duplicate.isPresent()) {
        return duplicate.get();
      }
      throw e;
    }
    // Saved and not yet published: nothing can have ended it, so awaiting it needs no read.
    watcher.expect(jobId);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    if (!scheduler.isRunning()) {
      // Nothing here listens on the bus yet: a due timer makes the first scheduler that runs
      // on these stores (this one when it starts, or another replica) dispatch it at once.
      store.setTimer(
          jobId,
          now,
          ReasonCodes.SCHEDULER_NOT_STARTED,
          "submitted before the"
              + " control plane started; it is dispatched as soon as a scheduler runs",
          -1);
      return new SubmittedJob(jobId, traceId, false);
    }
    // The submit is not awaited: once saved, a job whose publish fails (here, or when its
    // JetStream ack fails or does not come) gets a due timer, and the timer loop dispatches it.
    CompletionStage<Void> published;
    try {
      // Marked as saved: the scheduler claims the job at the saved version without reading it.
      SavedSubmit mark = SavedSubmit.of(saved);
      BusPacket packet = BusPacket.of(traceId, SENDER, now, req);
      if (mark != null) {
        packet = packet.toBuilder().unknownFields(mark.encode()).build();
      }
      published = bus.publishAsync(Subjects.SUBMIT, packet, null);
    } catch (RuntimeException e) {
      published = CompletableFuture.failedStage(e);
    }
    if (published != Bus.PUBLISHED) {
      published.whenComplete(
          (ok, e) -> {
            if (e != null) {
              publishFailed(jobId, now, e);
            }
          });
    }
    return new SubmittedJob(jobId, traceId, false);
  }

  private void publishFailed(String jobId, Instant now, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    log.warn(
        "publish of job {} failed; the scheduler's timer loop will dispatch it: {}",
        jobId,
        cause.toString());
    try {
      store.setTimer(
          jobId,
          now,
          ReasonCodes.PUBLISH_FAILED,
          "submit publish failed: " + cause.getMessage(),
          -1);
    } catch (RuntimeException timerFailed) {
      // The job is saved: the pending replay dispatches it without the timer. Failing the
      // submit now would make the caller submit it a second time.
      log.warn(
          "job {}: no timer either ({}); left to the pending replay",
          jobId,
          timerFailed.toString());
    }
  }

  /**
   * The earlier job a reservation answer names, if that job exists: a key reserved by a submit that
   * failed before saving its job names no job, and the submit goes on (its save takes the key
   * over). A reservation this very job holds (a retry with the same job id) is a duplicate only
   * once the job was saved.
   */
  private Optional<SubmittedJob> duplicateOf(
      IdempotencyReservation r, JobRequest req, byte @Nullable [] input, String key) {
    if (r.reserved() || r.jobId().equals(req.jobId())) {
      return Optional.empty(); // this job's own key: its id was checked, or it is new
    }
    // Another job holds the key: a repeat of its request is answered with it, anything else is
    // a conflict (answering with the first job hid that the second request was never run).
    return sameAs(r.jobId(), req, input, "idempotency key \"" + key + "\"");
  }

  /**
   * A random version-4 UUID. Job ids need uniqueness, not unpredictability, so this skips {@code
   * UUID.randomUUID()}'s SecureRandom, which serialises every submit on one lock.
   */
  static String newJobId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  @Override
  public Optional<JobRecord> get(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return store.get(jobId);
  }

  @Override
  public Optional<JobRequest> request(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return store.getRequest(jobId);
  }

  @Override
  public Page<JobRecord> list(JobQuery query) {
    Objects.requireNonNull(query, "query");
    checkOpen();
    return store.list(query);
  }

  @Override
  public List<JobStateEvent> history(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return store.history(jobId);
  }

  @Override
  public List<JobRecord> traceJobs(String traceId) {
    Objects.requireNonNull(traceId, "traceId");
    return store.traceJobs(traceId);
  }

  @Override
  public List<SafetyDecisionRecord> decisions(String jobId, int limit) {
    Objects.requireNonNull(jobId, "jobId");
    return store.safetyDecisions(jobId, limit);
  }

  @Override
  public JobRecord cancel(String jobId, String reason) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return scheduler.cancel(jobId, reason);
  }

  @Override
  public CompletableFuture<JobRecord> awaitTerminal(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return watcher.await(jobId);
  }

  @Override
  public SubmittedJob remediate(String jobId, @Nullable String remediationId) {
    Objects.requireNonNull(jobId, "jobId");
    JobRequest original =
        store.getRequest(jobId).orElseThrow(() -> new NotFoundException("job not found: " + jobId));
    Optional<JobRecord> rec = store.get(jobId);
    PolicyRemediation r =
        Remediation.choose(
            jobId, store.safetyDecisions(jobId, Remediation.DECISIONS_SEARCHED), remediationId);
    byte[] input = original.contextPtr().isBlank() ? null : readQuietly(original.contextPtr());
    String newId = newJobId();
    JobRequest clone = Remediation.apply(original, r, newId);
    String trace = rec.map(JobRecord::traceId).filter(t -> !t.isBlank()).orElse(newId);
    SubmittedJob out = submit(JobSubmission.of(clone, input, trace));
    log.info("job {}: remediation \"{}\" applied as job {}", jobId, r.id(), out.jobId());
    return out;
  }

  private byte @Nullable [] readQuietly(String pointer) {
    try {
      return pointers.get(pointer).orElse(null);
    } catch (ValidationException e) { // a pointer outside the pointer store (set by a client)
      return null;
    }
  }

  @Override
  public Optional<byte[]> input(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return store
        .getRequest(jobId)
        .map(JobRequest::contextPtr)
        .filter(p -> !p.isBlank())
        .flatMap(pointers::get);
  }

  @Override
  public Optional<byte[]> result(String jobId) {
    Objects.requireNonNull(jobId, "jobId");
    checkOpen();
    return store
        .get(jobId)
        .map(JobRecord::resultPtr)
        .filter(p -> !p.isBlank())
        .flatMap(pointers::get);
  }

  @Override
  public Optional<String> resultAsString(String jobId) {
    return result(jobId).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  @Override
  public <T> Optional<T> result(String jobId, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return result(jobId).map(bytes -> TypedResults.read(jobId, bytes, type));
  }
}
