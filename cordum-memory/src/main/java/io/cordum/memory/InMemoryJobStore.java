package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.IdempotencyReservation;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStateEvent;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.Tenants;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobStore} held in this JVM, with the semantics every job store shares (checked by the
 * testkit's {@code JobStoreContract}): atomic compare-and-set transitions, stable cursors and
 * retention by the injected clock.
 *
 * <p>Each job has its own lock, held only for the read-check-write of that job; there is no
 * store-wide lock. The indexes (by update time, per state, timers, deadlines, tenant active sets,
 * traces) are concurrent sorted structures updated with each write. Every write bumps the record's
 * {@code version} by one and extends its life to {@link Options#retention()} after that write; an
 * expired job reads as absent and is purged during later writes and listings.
 *
 * <p>Also: a job absent from the store has version 0, so {@code expectedVersion(0)} means "create
 * only if absent"; expectations are checked before the state machine; {@code updatedAt} moves only
 * when the state is set; a job belongs to at most one trace (the last one it was saved with).
 */
public final class InMemoryJobStore implements JobStore {
  private static final Comparator<JobRecord> BY_CREATION =
      Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::id);

  private final InstantSource clock;
  private final Options options;
  private final ConcurrentHashMap<String, JobSlot> slots = new ConcurrentHashMap<>();
  private final JobIndexes indexes = new JobIndexes();
  private final ExpiryQueue<String> expiries = new ExpiryQueue<>();
  private final IdempotencyKeys idempotency;

  /** A store with the {@linkplain Options#DEFAULT default options}. */
  public InMemoryJobStore(InstantSource clock) {
    this(clock, Options.DEFAULT);
  }

  /** A store with the given options. */
  public InMemoryJobStore(InstantSource clock, Options options) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.idempotency = new IdempotencyKeys(options.retention());
  }

  // ---- reads

  @Override
  public Optional<JobRecord> get(String jobId) {
    return live(Args.jobId(jobId), now()).map(StoredJob::record);
  }

  @Override
  public Optional<JobRequest> getRequest(String jobId) {
    return live(Args.jobId(jobId), now()).map(StoredJob::request);
  }

  @Override
  public List<JobStateEvent> history(String jobId) {
    return live(Args.jobId(jobId), now()).map(StoredJob::history).orElse(List.of());
  }

  @Override
  public List<SafetyDecisionRecord> safetyDecisions(String jobId, int limit) {
    Args.positive(limit, "limit");
    List<SafetyDecisionRecord> all =
        live(Args.jobId(jobId), now()).map(StoredJob::decisions).orElse(List.of());
    List<SafetyDecisionRecord> newestFirst = new ArrayList<>(Math.min(limit, all.size()));
    for (int i = all.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      newestFirst.add(all.get(i));
    }
    return List.copyOf(newestFirst);
  }

  @Override
  public List<JobRecord> traceJobs(String traceId) {
    if (traceId.isBlank()) {
      return List.of();
    }
    Instant now = now();
    purge(now);
    return indexes.traceMembers(traceId).stream()
        .map(id -> live(id, now).map(StoredJob::record).orElse(null))
        .filter(r -> r != null && r.traceId().equals(traceId))
        .sorted(BY_CREATION)
        .toList();
  }

  @Override
  public long countActiveByTenant(String tenant) {
    Args.nonBlank(tenant, "tenant");
    purge(now());
    return indexes.activeCount(tenant);
  }

  @Override
  public List<JobRecord> dueTimers(Instant now, int limit) {
    return scanDue(indexes.timers(), now, limit, JobRecord::wakeAt);
  }

  @Override
  public List<JobRecord> expiredDeadlines(Instant now, int limit) {
    return scanDue(indexes.deadlines(), now, limit, JobRecord::deadline);
  }

  private List<JobRecord> scanDue(
      NavigableSet<IndexKey> index,
      Instant due,
      int limit,
      Function<JobRecord, @Nullable Instant> time) {
    Args.positive(limit, "limit");
    Instant now = now();
    purge(now);
    List<JobRecord> out = new ArrayList<>();
    long bound = Micros.of(due);
    for (IndexKey k : index) {
      if (k.micros() > bound || out.size() == limit) {
        break;
      }
      JobRecord r = live(k.id(), now).map(StoredJob::record).orElse(null);
      Instant at = r == null ? null : time.apply(r);
      if (r != null && !r.isTerminal() && at != null && Micros.of(at) == k.micros()) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public Page<JobRecord> list(JobQuery query) {
    Instant now = now();
    purge(now);
    boolean newestFirst = query.order() == JobQuery.Order.NEWEST_FIRST;
    List<NavigableSet<IndexKey>> ranges = new ArrayList<>();
    for (NavigableSet<IndexKey> index : indexes.updated(query.state())) {
      NavigableSet<IndexKey> range = JobListing.range(index, query);
      ranges.add(newestFirst ? range.descendingSet() : range);
    }
    List<JobRecord> items = new ArrayList<>(query.limit());
    Set<String> seen = new HashSet<>(); // a job updated during the scan may be met twice
    IndexKey last = null;
    for (IndexKey k : JobListing.merged(ranges, newestFirst)) {
      JobRecord r = live(k.id(), now).map(StoredJob::record).orElse(null);
      // Skip a hit whose record has moved on since it was indexed: it is listed at its new key.
      if (r == null
          || Micros.of(r.updatedAt()) != k.micros()
          || !JobListing.matches(r, query)
          || !seen.add(r.id())) {
        continue;
      }
      if (items.size() == query.limit()) {
        return new Page<>(items, IndexKey.encode(Objects.requireNonNull(last)));
      }
      items.add(r);
      last = k;
    }
    return new Page<>(items, null);
  }

  // ---- writes

  @Override
  public JobRecord save(JobRequest request, @Nullable String traceId) {
    String id = Args.jobId(request.jobId());
    return write(
        id,
        (slot, old, now) -> {
          if (old != null && old.record().isTerminal()) {
            return old.record();
          }
          JobRecord.Builder b;
          long[] history;
          if (old == null) {
            b = JobRecord.builder().id(id).state(JobState.PENDING).createdAt(now).updatedAt(now);
            history =
                StoredJob.appendEvent(
                    StoredJob.NO_EVENTS, now, JobState.PENDING, options.historyLimit());
          } else {
            b = old.record().toBuilder();
            history = old.events();
          }
          RequestMetadata.apply(b, request);
          if (traceId != null && !traceId.isBlank()) {
            b.traceId(traceId);
          }
          List<SafetyDecisionRecord> decisions = old == null ? List.of() : old.decisions();
          String key = request.meta() == null ? "" : request.meta().idempotencyKey().trim();
          if (old != null || key.isEmpty()) {
            return commit(slot, old, b, request, history, decisions, now);
          }
          // A new job with an idempotency key: created together with taking the key, or not at all.
          return idempotency.createWithKey(
              Tenants.of(request),
              key,
              id,
              now,
              holder -> live(holder, now).isPresent(),
              () -> commit(slot, null, b, request, history, decisions, now));
        });
  }

  @Override
  public JobRecord transition(String jobId, Transition t) {
    String id = Args.jobId(jobId);
    return write(
        id,
        (slot, old, now) -> {
          JobRecord cur = old == null ? null : old.record();
          checkExpectations(id, cur, t);
          JobState from = cur == null ? null : cur.state();
          if (!JobState.canTransition(from, t.to())) {
            throw new InvalidTransitionException(id, from, t.to());
          }
          JobRecord.Builder b =
              cur == null ? JobRecord.builder().id(id).createdAt(now) : cur.toBuilder();
          if (t.to() == JobState.SCHEDULED && from != JobState.SCHEDULED) {
            b.attempts((cur == null ? 0 : cur.attempts()) + 1);
          }
          b.wakeAt(Micros.truncate(t.wakeAt()));
          Optional.ofNullable(t.resultPtr()).ifPresent(b::resultPtr);
          Optional.ofNullable(t.workerId()).ifPresent(b::workerId);
          Optional.ofNullable(t.reasonCode()).ifPresent(b::reasonCode);
          Optional.ofNullable(t.reason()).ifPresent(b::reason);
          List<SafetyDecisionRecord> decisions = old == null ? List.of() : old.decisions();
          if (t.safetyDecision() != null) {
            b.safety(t.safetyDecision());
            decisions = StoredJob.append(decisions, t.safetyDecision(), options.decisionsLimit());
          }
          return commitState(slot, old, b, t.to(), decisions, now);
        });
  }

  @Override
  public JobRecord cancel(String jobId, String reason) {
    String id = Args.jobId(jobId);
    return write(
        id,
        (slot, old, now) -> {
          StoredJob cur = requireLive(id, old);
          if (cur.record().isTerminal()) {
            return cur.record();
          }
          JobRecord.Builder b = cur.record().toBuilder().reasonCode("cancelled").reason(reason);
          return commitState(slot, cur, b, JobState.CANCELLED, cur.decisions(), now);
        });
  }

  @Override
  public Instant setDeadlineIfAbsent(String jobId, Instant deadline) {
    String id = Args.jobId(jobId);
    return write(
        id,
        (slot, old, now) -> {
          StoredJob cur = requireLive(id, old);
          JobRecord r = cur.record();
          if (r.isTerminal()) {
            return deadline;
          }
          if (r.deadline() != null) {
            return r.deadline();
          }
          JobRecord.Builder b = r.toBuilder().deadline(Micros.truncate(deadline));
          return Objects.requireNonNull(
              commit(slot, cur, b, cur.request(), cur.events(), cur.decisions(), now).deadline());
        });
  }

  @Override
  public JobRecord setTimer(
      String jobId,
      @Nullable Instant wakeAt,
      @Nullable String reasonCode,
      @Nullable String reason,
      long expectedVersion) {
    String id = Args.jobId(jobId);
    return write(
        id,
        (slot, old, now) -> {
          StoredJob cur = requireLive(id, old);
          JobRecord r = cur.record();
          if (expectedVersion >= 0 && expectedVersion != r.version()) {
            throw new ConflictException(
                "job " + id + " is at version " + r.version() + ", expected " + expectedVersion);
          }
          if (r.isTerminal()) {
            return r;
          }
          JobRecord.Builder b = r.toBuilder().wakeAt(Micros.truncate(wakeAt));
          Optional.ofNullable(reasonCode).ifPresent(b::reasonCode);
          Optional.ofNullable(reason).ifPresent(b::reason);
          return commit(slot, cur, b, cur.request(), cur.events(), cur.decisions(), now);
        });
  }

  @Override
  public void appendSafetyDecision(String jobId, SafetyDecisionRecord decision) {
    String id = Args.jobId(jobId);
    write(
        id,
        (slot, old, now) -> {
          StoredJob cur = requireLive(id, old);
          JobRecord.Builder b = cur.record().toBuilder().safety(decision);
          return commit(
              slot,
              cur,
              b,
              cur.request(),
              cur.events(),
              StoredJob.append(cur.decisions(), decision, options.decisionsLimit()),
              now);
        });
  }

  // ---- idempotency

  @Override
  public IdempotencyReservation reserveIdempotencyKey(String tenant, String key, String jobId) {
    Instant now = now();
    purge(now);
    return idempotency.reserve(
        Args.nonBlank(tenant, "tenant"),
        Args.nonBlank(key, "idempotency_key"),
        Args.jobId(jobId),
        now);
  }

  @Override
  public Optional<String> findByIdempotencyKey(String tenant, String key) {
    return idempotency.find(
        Args.nonBlank(tenant, "tenant"), Args.nonBlank(key, "idempotency_key"), now());
  }

  @Override
  public boolean releaseIdempotencyKey(String tenant, String key, String jobId) {
    return idempotency.release(
        Args.nonBlank(tenant, "tenant"),
        Args.nonBlank(key, "idempotency_key"),
        Args.jobId(jobId),
        now());
  }

  // ---- internals

  /** What a write does with the job's live value ({@code null} if absent), under its lock. */
  @FunctionalInterface
  private interface WriteBody<T> {
    T apply(JobSlot slot, @Nullable StoredJob live, Instant now);
  }

  private <T> T write(String id, WriteBody<T> body) {
    Instant now = now();
    purge(now); // before taking the lock: a thread never holds two job locks
    while (true) {
      JobSlot slot = slots.computeIfAbsent(id, JobSlot::new);
      synchronized (slot) {
        if (slot.retired) {
          continue; // emptied and taken out of the map since we got it: fetch the new one
        }
        try {
          StoredJob cur = slot.current;
          if (cur != null && !cur.liveAt(Micros.of(now))) {
            drop(slot, cur);
            cur = null;
          }
          return body.apply(slot, cur, now);
        } finally {
          retireIfEmpty(slot);
        }
      }
    }
  }

  /** Retires a slot that holds no job, so the map does not keep empty slots. Holding its lock. */
  private void retireIfEmpty(JobSlot slot) {
    if (slot.current == null) {
      slot.retired = true;
      slots.remove(slot.id, slot);
    }
  }

  /** A write that sets the state: touches updatedAt, records history, applies terminal rules. */
  private JobRecord commitState(
      JobSlot slot,
      @Nullable StoredJob old,
      JobRecord.Builder b,
      JobState to,
      List<SafetyDecisionRecord> decisions,
      Instant now) {
    b.state(to).updatedAt(now);
    if (to.isTerminal()) {
      b.wakeAt(null).deadline(null);
    }
    long[] history =
        StoredJob.appendEvent(
            old == null ? StoredJob.NO_EVENTS : old.events(), now, to, options.historyLimit());
    return commit(slot, old, b, old == null ? null : old.request(), history, decisions, now);
  }

  /** Publishes the next value of a job (version + 1, life extended) and moves its indexes. */
  private JobRecord commit(
      JobSlot slot,
      @Nullable StoredJob old,
      JobRecord.Builder b,
      @Nullable JobRequest request,
      long[] history,
      List<SafetyDecisionRecord> decisions,
      Instant now) {
    JobRecord before = old == null ? null : old.record();
    JobRecord after = b.version((before == null ? 0 : before.version()) + 1).build();
    long expires = Micros.plus(Micros.of(now), options.retention());
    slot.current = new StoredJob(after, request, history, decisions, expires);
    indexes.update(before, after);
    // One expiry entry per job, at or before its expiry: a write that extends the job's life
    // leaves the entry in place (the purge queues it again when it comes due), so that the
    // dozen writes of a job's life do not each move it in the queue.
    if (old == null) {
      expiries.add(slot.id, expires);
      slot.queuedMicros = expires;
    } else if (expires < slot.queuedMicros) { // the clock went back
      expiries.remove(slot.id, slot.queuedMicros);
      expiries.add(slot.id, expires);
      slot.queuedMicros = expires;
    }
    return after;
  }

  private void drop(JobSlot slot, StoredJob cur) {
    slot.current = null;
    indexes.update(cur.record(), null);
    expiries.remove(slot.id, slot.queuedMicros);
  }

  /** Drops expired jobs and idempotency keys. Called holding no job lock. */
  private void purge(Instant now) {
    long nowMicros = Micros.of(now);
    expiries.drain(
        nowMicros,
        (id, queued) -> {
          JobSlot slot = slots.get(id);
          if (slot == null) {
            return;
          }
          synchronized (slot) {
            StoredJob cur = slot.current;
            // The entry is this job's only if it is the one the slot last queued; one that a
            // concurrent write or drop replaced is already off the queue.
            if (cur != null && slot.queuedMicros == queued) {
              if (cur.liveAt(nowMicros)) {
                expiries.add(id, cur.expiresMicros()); // written since it was queued
                slot.queuedMicros = cur.expiresMicros();
              } else {
                slot.current = null;
                indexes.update(cur.record(), null);
              }
            }
            retireIfEmpty(slot);
          }
        });
    idempotency.purge(now);
  }

  private Optional<StoredJob> live(String id, Instant now) {
    JobSlot slot = slots.get(id);
    StoredJob cur = slot == null ? null : slot.current;
    return cur != null && cur.liveAt(Micros.of(now)) ? Optional.of(cur) : Optional.empty();
  }

  private static StoredJob requireLive(String id, @Nullable StoredJob cur) {
    if (cur == null) {
      throw new NotFoundException("job " + id + " not found");
    }
    return cur;
  }

  private static void checkExpectations(String id, @Nullable JobRecord cur, Transition t) {
    JobState state = cur == null ? null : cur.state();
    if (!t.stateExpected(state)) {
      throw new ConflictException(
          "job "
              + id
              + " is in state "
              + (state == null ? "(none)" : state)
              + ", expected "
              + t.expectedState()
              + (t.otherExpectedStates().isEmpty() ? "" : " or " + t.otherExpectedStates()));
    }
    long version = cur == null ? 0 : cur.version();
    if (t.expectedVersion() >= 0 && t.expectedVersion() != version) {
      throw new ConflictException(
          "job " + id + " is at version " + version + ", expected " + t.expectedVersion());
    }
  }

  private Instant now() {
    return Micros.now(clock);
  }

  /** Entries held across the store and its indexes; for tests that check expired data is gone. */
  int footprint() {
    return slots.size() + indexes.size() + expiries.size() + idempotency.size();
  }

  /**
   * Settings of an {@link InMemoryJobStore}.
   *
   * @param retention how long a job lives after its last write
   * @param historyLimit how many state changes are kept per job (the oldest are dropped first)
   * @param decisionsLimit how many safety decisions are kept per job (the oldest are dropped first)
   */
  public record Options(Duration retention, int historyLimit, int decisionsLimit) {
    /** Seven days, as Cordum's {@code JOB_META_TTL}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** One hundred state changes per job. */
    public static final int DEFAULT_HISTORY_LIMIT = 100;

    /** One hundred safety decisions per job. */
    public static final int DEFAULT_DECISIONS_LIMIT = 100;

    /** Checks that every setting is positive. */
    public Options {
      Args.positive(retention, "retention");
      Args.positive(historyLimit, "history_limit");
      Args.positive(decisionsLimit, "decisions_limit");
    }

    /** The defaults: 7 days' retention, 100 history entries and 100 decisions per job. */
    public static final Options DEFAULT = builder().build();

    /** A builder starting from the defaults. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds {@link Options}. */
    public static final class Builder {
      private Duration retention = DEFAULT_RETENTION;
      private int historyLimit = DEFAULT_HISTORY_LIMIT;
      private int decisionsLimit = DEFAULT_DECISIONS_LIMIT;

      private Builder() {}

      /** How long a job lives after its last write. */
      public Builder retention(Duration v) {
        this.retention = v;
        return this;
      }

      /** How many state changes are kept per job. */
      public Builder historyLimit(int v) {
        this.historyLimit = v;
        return this;
      }

      /** How many safety decisions are kept per job. */
      public Builder decisionsLimit(int v) {
        this.decisionsLimit = v;
        return this;
      }

      /** Builds the options. */
      public Options build() {
        return new Options(retention, historyLimit, decisionsLimit);
      }
    }
  }
}
