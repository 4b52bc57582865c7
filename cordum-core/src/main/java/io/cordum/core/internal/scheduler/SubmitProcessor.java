package io.cordum.core.internal.scheduler;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Tenants;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.trace.TraceSpan;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.core.internal.job.SavedSubmit;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submit path: validate, persist, ask the safety gate, apply constraints and limits, route, and
 * dispatch. Concurrency is by compare-and-set on the job's state (timers also hold the job's
 * lease). A job that cannot run ends in a terminal state with a reason code; a job that cannot run
 * <em>now</em> gets a stored timer and is looked at again.
 */
final class SubmitProcessor {
  private static final Logger log = LoggerFactory.getLogger(SubmitProcessor.class);

  /**
   * The label Cordum's Go components use as a job request's dedup id; this scheduler never sets it
   * (it gives the bus a message id instead) and strips it from requests it dispatches.
   */
  static final String BUS_MSG_ID_LABEL = "cordum.bus_msg_id";

  /** A publish the bus took with nothing left to confirm (never completed or changed here). */
  private static final CompletableFuture<Void> TAKEN = CompletableFuture.completedFuture(null);

  private final SchedulerContext ctx;
  private final JobOutcomes outcomes;
  private final UncertainClaims uncertainClaims = new UncertainClaims();
  private final RunningRecorder running;

  SubmitProcessor(SchedulerContext ctx, JobOutcomes outcomes, RunningRecorder running) {
    this.ctx = ctx;
    this.outcomes = outcomes;
    this.running = running;
  }

  /**
   * Handles a job request from the bus.
   *
   * @param saved the submitter's mark that it saved this job just before publishing it, or {@code
   *     null}
   * @throws RetryLaterException when the store failed
   */
  void onSubmit(JobRequest req, String traceId, @Nullable SavedSubmit saved) {
    String id = req.jobId().trim();
    if (id.isEmpty()) {
      log.warn("job request without job_id dropped (topic \"{}\")", req.topic());
      return;
    }
    SafetyDecisionRecord decided = null;
    JobRecord presumed = null;
    if (saved != null && id.equals(req.jobId())) {
      // The Java client saved the job: claim it at the saved version without reading it first.
      // Anything but a clean claim (a duplicate delivery, a cancel, a retry, a job the gate does
      // not simply allow) is handled below from the stored record, as any other submit.
      presumed = saved.record(req, traceId);
      try {
        ctx.metrics().received(req.topic().trim());
        process(presumed, req, traceId, true, null);
        return;
      } catch (Unconfirmed u) {
        decided = u.decision;
      } catch (ConflictException | InvalidTransitionException | NotFoundException e) {
        log.debug("job {}: its claim at the saved version failed: {}", id, e.getMessage());
      } catch (BackendException e) {
        throw new RetryLaterException(ctx.config().storeErrorDelay(), "store unavailable", e);
      }
    }
    try {
      // No lease on this hot path: every later write is a compare-and-set on the state read
      // here, so two deliveries of one submit (two replicas, a redelivery) dispatch it once.
      JobRecord rec;
      try {
        // Usually the client saved this request just before publishing it: resave() lets the
        // store skip the write after a cheap read.
        rec =
            ctx.store()
                .resave(req.jobId().equals(id) ? req : req.toBuilder().jobId(id).build(), traceId);
      } catch (ConflictException e) {
        // Only a new job's idempotency key makes a save conflict: another job holds the key,
        // so this submit is a duplicate of it and is not run.
        log.info("job {} not created, a duplicate by its idempotency key: {}", id, e.getMessage());
        return;
      }
      if (!isSchedulable(rec.state())) {
        if (uncertainClaims.isUnpublishedClaim(rec)) {
          log.info(
              "job {}: resuming attempt {}, claimed while the store was failing",
              id,
              rec.attempts());
          resumeClaim(rec, req, rec.traceId());
          return;
        }
        log.debug("job {} already {}; duplicate submit ignored", id, rec.state());
        return;
      }
      if (presumed == null) {
        ctx.metrics().received(req.topic().trim());
      }
      // The decision made on the presumed record stands if the job is still that fresh job
      // (the resave may have rewritten its request, the client may have set it a timer).
      boolean same =
          presumed != null
              && rec.state() == JobState.PENDING
              && rec.attempts() == 0
              && rec.safety() == null
              && rec.createdAt().equals(presumed.createdAt());
      process(rec, req, rec.traceId(), false, same ? decided : null);
    } catch (BackendException e) {
      throw new RetryLaterException(ctx.config().storeErrorDelay(), "store unavailable", e);
    } catch (ConflictException | InvalidTransitionException e) {
      // Another delivery or a cancel moved the job first: nothing left to do here.
      log.debug("job {} moved while its submit was handled: {}", id, e.getMessage());
    }
  }

  /** PENDING and APPROVAL_REQUIRED jobs are (re)considered; later states belong to timers. */
  private static boolean isSchedulable(JobState s) {
    return s == JobState.PENDING || s == JobState.APPROVAL_REQUIRED;
  }

  /** Re-dispatches a PENDING job from its stored request (timers, replay); lease held. */
  void dispatchStored(JobRecord rec) {
    Optional<JobRequest> req = ctx.store().getRequest(rec.id());
    if (req.isEmpty()) {
      outcomes.finish(
          rec,
          Transition.to(JobState.FAILED).expectedVersion(rec.version()),
          ReasonCodes.REQUEST_MISSING,
          "the stored request of job " + rec.id() + " is gone");
      return;
    }
    process(rec, req.get(), rec.traceId(), false, null);
  }

  /**
   * Thrown on the presumed path ({@link SavedSubmit}) where the job would need a write other than
   * the claim: the submit is then handled from the stored record, with the decision made so far.
   */
  private static final class Unconfirmed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient @Nullable SafetyDecisionRecord decision;

    Unconfirmed(@Nullable SafetyDecisionRecord decision) {
      super(null, null, false, false);
      this.decision = decision;
    }
  }

  /**
   * The workers to route to: the registry's, without those past the worker timeout (a registry may
   * keep entries longer; a dead worker must get no new job), corrected for jobs in flight.
   */
  private Map<String, WorkerInfo> liveWorkers() {
    return ctx.inflight().adjust(ctx.liveness().fresh(ctx.registry().snapshot(), ctx.now()));
  }

  /**
   * Routes to a live worker. A pool whose heartbeating workers all died within the scheduling wait
   * gets no topic fallback: the job waits in the store (no_workers) for one to come back, rather
   * than being published where perhaps nobody listens.
   */
  private Route route(JobRequest out) {
    Instant now = ctx.now();
    return ctx.strategy()
        .route(
            out,
            liveWorkers(),
            ctx.liveness().poolsServedSince(now.minus(ctx.config().maxSchedulingWait())));
  }

  /**
   * A SCHEDULED job whose dispatch timer fired: the replica that claimed it died (or lost its
   * store) between the claim and recording RUNNING. Publishes the same attempt again rather than
   * failing an attempt that may never have reached a worker (issue 12, defect 2). Lease held.
   */
  void resumeStale(JobRecord rec) {
    if (running.recordNowIfPending(rec)) {
      return; // dispatched by this replica, only not recorded yet
    }
    Optional<JobRequest> req = ctx.store().getRequest(rec.id());
    if (req.isEmpty()) {
      outcomes.finish(
          rec,
          Transition.to(JobState.FAILED).expectedVersion(rec.version()),
          ReasonCodes.REQUEST_MISSING,
          "the stored request of job " + rec.id() + " is gone");
      return;
    }
    // Push the timer first: if this replica dies too, the next one tries again later.
    JobRecord held =
        ctx.store()
            .setTimer(
                rec.id(),
                ctx.now().plus(ctx.timeouts().dispatchTimeout()),
                null,
                null,
                rec.version());
    log.warn(
        "job {}: attempt {} was claimed but never recorded as dispatched; publishing it" + " again",
        rec.id(),
        rec.attempts());
    resumeClaim(held, req.get(), held.traceId());
  }

  /**
   * Everything after persistence; {@code rec} is fresh, or (when {@code presumed}) what the
   * submitter's mark says the store holds: then every way but the claim throws {@link Unconfirmed}
   * before writing, and the claim expects the record's version.
   *
   * @param decided a safety decision already made for this record, or {@code null} to ask
   */
  private void process(
      JobRecord rec,
      JobRequest req,
      String traceId,
      boolean presumed,
      @Nullable SafetyDecisionRecord decided) {
    String topic = req.topic().trim();
    if (topic.isEmpty() || !Subjects.isLiteral(topic)) {
      if (presumed) {
        throw new Unconfirmed(null);
      }
      outcomes.finish(
          rec,
          Transition.to(JobState.FAILED).expectedState(rec.state()),
          ReasonCodes.INVALID_REQUEST,
          "topic: must be a subject without wildcards, was \"" + req.topic() + "\"");
      return;
    }
    JobRequest out = attachEffectiveConfig(req);

    SafetyDecisionRecord decision;
    Instant asked = ctx.tracing().on() && decided == null ? ctx.now() : null;
    try {
      decision = decided != null ? decided : decide(rec, out);
      if (asked != null) {
        ctx.tracing()
            .record(
                TraceSpan.Kind.SAFETY_DECISION,
                traceId,
                rec.id(),
                "",
                "",
                asked,
                ctx.now(),
                decision.decision() == SafetyDecision.DENY,
                Map.of(
                    "topic",
                    topic,
                    "decision",
                    decision.decision().name(),
                    "rule_id",
                    decision.ruleId()));
      }
    } catch (RuntimeException e) {
      if (asked != null) {
        ctx.tracing()
            .record(
                TraceSpan.Kind.SAFETY_DECISION,
                traceId,
                rec.id(),
                "",
                "",
                asked,
                ctx.now(),
                true,
                Map.of("topic", topic, "error", "safety gate unavailable"));
      }
      if (presumed) {
        throw new Unconfirmed(null);
      }
      // Fail closed but not for good: the job waits for the gate instead of being denied.
      log.warn("safety gate failed for job {}: {}", rec.id(), e.toString());
      outcomes.defer(
          rec,
          ReasonCodes.SAFETY_UNAVAILABLE,
          "safety gate unavailable: " + e.getMessage(),
          ctx.config().storeErrorDelay());
      return;
    }
    Transition.Builder toFail =
        Transition.to(JobState.FAILED).expectedState(rec.state()).safetyDecision(decision);
    if (presumed && !decision.decision().allows()) {
      throw new Unconfirmed(decision);
    }
    switch (decision.decision()) {
      case THROTTLE -> {
        JobRecord fresh = recordDecision(rec, decision);
        outcomes.defer(
            fresh,
            ReasonCodes.SAFETY_THROTTLED,
            "safety throttle" + (decision.reason().isEmpty() ? "" : ": " + decision.reason()),
            ctx.config().throttleDelay());
        return;
      }
      case REQUIRE_APPROVAL -> {
        ctx.store()
            .transition(
                rec.id(),
                Transition.to(JobState.APPROVAL_REQUIRED)
                    .expectedState(rec.state())
                    .safetyDecision(decision)
                    .reason(ReasonCodes.APPROVAL_REQUIRED, decision.reason())
                    .build());
        log.info("job {} requires approval: {}", rec.id(), decision.reason());
        return;
      }
      case DENY -> {
        ctx.metrics().safetyDenied(topic);
        outcomes.finish(
            rec,
            Transition.to(JobState.DENIED).expectedState(rec.state()).safetyDecision(decision),
            ReasonCodes.SAFETY_DENIED,
            decision.reason());
        return;
      }
      case ALLOW, ALLOW_WITH_CONSTRAINTS -> {
        if (decision.constraints() != null) {
          out = RequestEnv.withConstraints(out, decision.constraints());
        }
      }
    }

    BudgetConstraints budgets = budgets(decision.constraints());
    if (budgets != null && budgets.maxRetries() > 0 && rec.attempts() >= budgets.maxRetries() + 1) {
      if (presumed) {
        throw new Unconfirmed(decision);
      }
      outcomes.finish(
          rec,
          toFail,
          ReasonCodes.MAX_RETRIES_EXCEEDED,
          "max retries exceeded (attempts="
              + rec.attempts()
              + ", max_retries="
              + budgets.maxRetries()
              + ")");
      return;
    }
    if (budgets != null && budgets.maxConcurrentJobs() > 0) {
      String tenant = Tenants.of(out);
      long active = ctx.store().countActiveByTenant(tenant);
      if (active >= budgets.maxConcurrentJobs()) {
        if (presumed) {
          throw new Unconfirmed(decision);
        }
        outcomes.defer(
            recordDecision(rec, decision),
            ReasonCodes.TENANT_LIMIT,
            "tenant_limit: tenant \""
                + tenant
                + "\" has "
                + active
                + " active jobs (limit "
                + budgets.maxConcurrentJobs()
                + ")",
            ctx.config().noWorkersDelay());
        return;
      }
    }
    if (out.budget() != null && out.budget().deadlineMs() > 0) {
      // From the submit, not from this pass: a job the scheduler reaches late (submitted
      // before start, a slow bus, a replay) must not get a later deadline than it asked for.
      ctx.store()
          .setDeadlineIfAbsent(rec.id(), rec.createdAt().plusMillis(out.budget().deadlineMs()));
    }

    Route route;
    try {
      route = route(out);
      if (route.workerId() == null && !ctx.bus().hasSubscribers(route.subject())) {
        // The pool topic, with no worker heartbeating, and a bus that knows nobody listens
        // there (in memory): the job would be lost; it waits for a worker instead.
        throw new RoutingException(
            ReasonCodes.NO_WORKERS,
            "no worker heartbeats for topic \""
                + out.topic().trim()
                + "\" and none listens on it yet",
            true);
      }
    } catch (RoutingException e) {
      if (presumed) {
        throw new Unconfirmed(decision);
      }
      if (e.retryable()) {
        outcomes.defer(
            recordDecision(rec, decision), e.type(), e.getMessage(), ctx.config().noWorkersDelay());
      } else {
        outcomes.finish(rec, toFail, e.type(), e.getMessage());
      }
      return;
    }
    dispatch(rec, out, traceId, route, decision, presumed);
  }

  private void dispatch(
      JobRecord rec,
      JobRequest out,
      String traceId,
      Route route,
      SafetyDecisionRecord decision,
      boolean presumed) {
    JobRecord scheduled;
    try {
      scheduled =
          ctx.store()
              .transition(
                  rec.id(),
                  Transition.to(JobState.SCHEDULED)
                      .expectedState(rec.state())
                      .expectedVersion(presumed ? rec.version() : -1)
                      .safetyDecision(decision)
                      .wakeAt(ctx.now().plus(ctx.timeouts().dispatchTimeout()))
                      .reason("", "")
                      .build());
    } catch (BackendException e) {
      uncertainClaims.remember(rec.id(), rec.attempts() + 1);
      throw e;
    }
    publishClaimed(scheduled, out, traceId, route);
  }

  /**
   * Dispatches the claim this replica wrote when the store failed to confirm it (see {@link
   * UncertainClaims}): routed again (the workers may have changed), published under the claimed
   * attempt's message id.
   */
  private void resumeClaim(JobRecord rec, JobRequest req, String traceId) {
    JobRequest out = attachEffectiveConfig(req);
    if (rec.safety() != null && rec.safety().constraints() != null) {
      out = RequestEnv.withConstraints(out, rec.safety().constraints());
    }
    Route route;
    try {
      route = route(out);
    } catch (RoutingException e) {
      // Give the attempt back: the timer loop routes it again later (or ends it, if it cannot).
      ctx.store()
          .transition(
              rec.id(),
              Transition.to(JobState.PENDING)
                  .expectedState(JobState.SCHEDULED)
                  .wakeAt(ctx.now().plus(ctx.config().noWorkersDelay()))
                  .reason(e.type(), e.getMessage())
                  .build());
      return;
    }
    publishClaimed(rec, out, traceId, route);
  }

  /**
   * Publishes a claimed (SCHEDULED) attempt and has it recorded RUNNING if no result comes within
   * the running-record delay ({@link RunningRecorder}).
   */
  private void publishClaimed(
      JobRecord scheduled, JobRequest request, String traceId, Route route) {
    JobRecord rec = scheduled;
    JobRequest out = request;
    if (out.labels().containsKey(BUS_MSG_ID_LABEL)) {
      java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(out.labels());
      labels.remove(BUS_MSG_ID_LABEL); // bookkeeping of the submitter, not for workers
      out = out.toBuilder().labels(labels).build();
    }
    Instant now = ctx.now();
    if (route.workerId() != null) {
      // Before the publish: a fast worker's result may be handled before publish() returns.
      ctx.inflight().dispatched(route.workerId(), rec.id());
    }
    // A per-attempt dedup id, as a message header (not a label, which workers see as a
    // placement label): JetStream must not swallow a retry as a duplicate of attempt 1.
    CompletableFuture<Void> published;
    try {
      CompletionStage<Void> stage =
          ctx.bus()
              .publishAsync(
                  route.subject(),
                  BusPacket.of(traceId, SchedulerContext.SENDER, now, out),
                  rec.id() + "@" + scheduled.attempts());
      published = stage == Bus.PUBLISHED ? TAKEN : stage.toCompletableFuture();
    } catch (RuntimeException e) {
      published = CompletableFuture.failedFuture(e);
    }
    Throwable refused = published.isDone() ? failureOf(published) : null;
    if (ctx.tracing().on()) {
      traceDispatch(traceId, rec, scheduled.attempts(), out.topic(), route, now, refused != null);
    }
    if (refused != null) {
      dispatchFailed(scheduled, route, JobState.SCHEDULED, -1, now, refused);
      return;
    }
    ctx.metrics().dispatched(out.topic());
    log.debug(
        "job {} attempt {} dispatched to {}", rec.id(), scheduled.attempts(), route.subject());
    // RUNNING may be written while the bus still awaits the stream's ack (JetStream): the ack
    // is not on the job's path. Should it fail, the attempt goes back to PENDING from whichever
    // state this replica last wrote, as a publish that failed at once does.
    RunningRecorder.Pending record =
        running.dispatched(scheduled, out.topic(), now, route.workerId());
    if (!published.isDone() || failureOf(published) != null) {
      undoWhenUnconfirmed(published, traceId, scheduled, out.topic(), route, now, record);
    }
  }

  /** Sends the attempt back to PENDING if the bus reports, later, that it did not take it. */
  private void undoWhenUnconfirmed(
      CompletableFuture<Void> published,
      String traceId,
      JobRecord scheduled,
      String topic,
      Route route,
      Instant now,
      RunningRecorder.Pending record) {
    var unused =
        published.whenComplete(
            (ok, e) -> {
              if (e == null) {
                return;
              }
              if (ctx.tracing().on()) {
                traceDispatch(traceId, scheduled, scheduled.attempts(), topic, route, now, true);
              }
              JobRecord last = record.close(); // no RUNNING write after this
              dispatchFailed(last, route, last.state(), last.version(), now, e);
            });
  }

  private static @Nullable Throwable failureOf(CompletableFuture<Void> done) {
    try {
      done.join();
      return null;
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  /**
   * A dispatch the bus did not take (at once, or when its ack failed or timed out): the attempt
   * goes back to PENDING, to be published again after {@code publishErrorDelay}, unless the job
   * moved on meanwhile (a result came, it was cancelled).
   *
   * @param expectedVersion the version of {@code rec}, or {@code -1} for any
   */
  private void dispatchFailed(
      JobRecord rec,
      Route route,
      JobState expected,
      long expectedVersion,
      Instant dispatchedAt,
      Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    ctx.inflight().finished(rec.id());
    log.warn(
        "publish of job {} to {} failed, retrying: {}",
        rec.id(),
        route.subject(),
        cause.toString());
    Transition back =
        Transition.to(JobState.PENDING)
            .expectedState(expected)
            .expectedVersion(expectedVersion)
            .wakeAt(ctx.now().plus(ctx.config().publishErrorDelay()))
            .reason(
                ReasonCodes.PUBLISH_FAILED,
                "publish to " + route.subject() + " failed: " + cause.getMessage())
            .build();
    if (expectedVersion < 0) {
      ctx.store().transition(rec.id(), back); // at once: a store failure reaches the handler
      return;
    }
    try {
      ctx.store().transition(rec.id(), back);
    } catch (ConflictException | InvalidTransitionException moved) {
      log.debug("job {} moved on before its failed dispatch was undone", rec.id());
    } catch (RuntimeException storeFailed) {
      // The job keeps the timer of the state it is in (the dispatch or running timeout), which
      // the timer loop acts on.
      log.warn(
          "job {}: its failed dispatch (at {}) could not be undone, left to its timer: {}",
          rec.id(),
          dispatchedAt,
          storeFailed.toString());
    }
  }

  private void traceDispatch(
      String traceId,
      JobRecord rec,
      int attempt,
      String topic,
      Route route,
      Instant start,
      boolean failed) {
    ctx.tracing()
        .record(
            TraceSpan.Kind.DISPATCH,
            traceId,
            rec.id(),
            "",
            "",
            start,
            ctx.now(),
            failed,
            Map.of(
                "topic",
                topic,
                "subject",
                route.subject(),
                "attempt",
                Integer.toString(attempt),
                "worker_id",
                route.workerId() == null ? "" : route.workerId()));
  }

  private JobRecord recordDecision(JobRecord rec, SafetyDecisionRecord decision) {
    ctx.store().appendSafetyDecision(rec.id(), decision);
    return ctx.store().get(rec.id()).orElse(rec);
  }

  private SafetyDecisionRecord decide(JobRecord rec, JobRequest req) {
    // An approved job runs on its approval (bound to this request), not on a second check.
    SafetyDecisionRecord grant = ApprovalService.grantFor(rec, req);
    if (grant != null) {
      return grant;
    }
    SafetyDecisionRecord d = ctx.gate().check(req);
    if (d == null) {
      d =
          SafetyDecisionRecord.of(
              SafetyDecision.DENY, "safety gate returned no decision", ctx.now());
    }
    if (d.checkedAt().equals(Instant.EPOCH)) {
      d = d.toBuilder().checkedAt(ctx.now()).build();
    }
    if (d.approvalRequired() && d.decision().allows()) {
      d = d.toBuilder().decision(SafetyDecision.REQUIRE_APPROVAL).build();
    }
    if (d.decision() == SafetyDecision.REQUIRE_APPROVAL || d.approvalRequired()) {
      d = d.toBuilder().approvalRequired(true).jobHash(JobHash.of(req)).build();
    }
    return d;
  }

  private JobRequest attachEffectiveConfig(JobRequest req) {
    if (ctx.effectiveConfig() == null) {
      return req;
    }
    try {
      Map<String, Object> cfg =
          ctx.effectiveConfig()
              .effective(
                  Tenants.of(req),
                  req.env().getOrDefault("team_id", ""),
                  req.workflowId(),
                  req.env().getOrDefault("step_id", ""));
      return cfg == null ? req : RequestEnv.withEffectiveConfig(req, cfg);
    } catch (RuntimeException e) {
      log.warn("effective config for job {} unavailable: {}", req.jobId(), e.toString());
      return req;
    }
  }

  private static @Nullable BudgetConstraints budgets(@Nullable PolicyConstraints c) {
    return c == null ? null : c.budgets();
  }
}
