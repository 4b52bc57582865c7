package io.cordum.redis;

import io.cordum.api.BackendException;
import io.cordum.api.Page;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.health.Health;
import io.cordum.api.health.HealthCheck;
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
import io.cordum.redis.internal.JobBackend;
import io.cordum.redis.internal.JobKeys;
import io.cordum.redis.internal.JobReplies;
import io.cordum.redis.internal.JobScans;
import io.cordum.redis.internal.RecordCodec;
import io.cordum.redis.internal.RedisCalls;
import io.cordum.redis.internal.RequestJson;
import io.cordum.redis.internal.SafetyJson;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * A {@link JobStore} on Redis, with the semantics every job store shares (checked by the testkit's
 * {@code JobStoreContract}). Several stores (one per replica) may share one Redis.
 *
 * <p>Every write is one Lua script that reads the job, checks the expectations and the state
 * machine, and writes the record and every index it is filed in, atomically: there is no
 * WATCH/MULTI, so no lost update and no half-written index. All keys of the job store carry one
 * hash tag (see {@link RedisConfig#jobKeyTag()}), so the scripts are legal on Redis Cluster.
 *
 * <p>Time: "now" is the injected clock's. Each record holds its expiry by that clock ({@code
 * retention} after its last write) and reads as absent from then on; every key a write touches also
 * gets a real Redis TTL of the retention plus {@link RedisConfig#ttlMargin()}, so memory is
 * reclaimed even if nothing reads the job again. Index entries of expired jobs are removed by the
 * next writes and reads. The layout is in {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisJobStore implements JobStore, HealthCheck, AutoCloseable {
  /** How recently a job must have been written for {@link #resave} to skip its write. */
  private static final long RESAVE_WINDOW_MICROS = 1_000_000L;

  /** How many records {@link #known} holds at most before it is emptied. */
  private static final int KNOWN_LIMIT = 16_384;

  private final InstantSource clock;
  private final JobBackend backend;
  private final JobScans scans;
  private final Runnable onClose;
  private final RedisConnections connections;

  /**
   * The latest record this store wrote or read of each job it is working on (not terminal ones), so
   * that a transition's function can reply only what it changed when the job is still that record
   * in Redis (same version and creation time), instead of the whole record. Only a base for
   * building replies, never read as the job's state: a stale entry costs a full reply.
   */
  private final ConcurrentHashMap<String, JobRecord> known = new ConcurrentHashMap<>();

  /** A store on the given connections, taking its settings from their config. */
  public RedisJobStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisJobStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    RedisConfig config = connections.config();
    this.connections = connections;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backend =
        new JobBackend(
            connections.client(),
            new JobKeys(config.jobKeyTag()),
            config.jobRetention(),
            config.jobRetention().plus(config.ttlMargin()),
            config.historyLimit(),
            config.decisionsLimit(),
            config.jobWriteBatch(),
            config.jobWritesInFlight());
    this.scans = new JobScans(backend);
    this.onClose = onClose;
  }

  /** Pings the Redis server the store uses. */
  @Override
  public Health health() {
    String target = Health.withoutCredentials(connections.config().url());
    try {
      connections.ping();
      return Health.up("redis", "PONG", target);
    } catch (RuntimeException e) {
      return Health.down("redis", "UNREACHABLE", target, "ping failed");
    }
  }

  // ---- reads

  @Override
  public Optional<JobRecord> get(String jobId) {
    String id = Args.jobId(jobId);
    long now = now();
    Map<String, String> f =
        RedisCalls.call("get job", () -> backend.redis().hgetAll(backend.keys().meta(id)));
    return live(f, now) ? Optional.of(RecordCodec.decode(f)) : Optional.empty();
  }

  @Override
  public Optional<JobRequest> getRequest(String jobId) {
    String id = Args.jobId(jobId);
    Object json = read(id, backend.keys().request(id), "get", 0);
    return json == null ? Optional.empty() : Optional.of(RequestJson.decode((String) json));
  }

  @Override
  public List<JobStateEvent> history(String jobId) {
    String id = Args.jobId(jobId);
    Object entries = read(id, backend.keys().events(id), "tail", 0);
    if (entries == null) {
      return List.of();
    }
    List<JobStateEvent> out = new ArrayList<>();
    for (Object e : (List<?>) entries) {
      String s = String.valueOf(e);
      int sep = s.indexOf('|');
      out.add(
          new JobStateEvent(
              Micros.toInstant(Long.parseLong(s.substring(0, sep))),
              JobState.valueOf(s.substring(sep + 1))));
    }
    return List.copyOf(out);
  }

  @Override
  public List<SafetyDecisionRecord> safetyDecisions(String jobId, int limit) {
    Args.positive(limit, "limit");
    String id = Args.jobId(jobId);
    Object entries = read(id, backend.keys().decisions(id), "tail", limit);
    if (entries == null) {
      return List.of();
    }
    List<?> oldestFirst = (List<?>) entries;
    List<SafetyDecisionRecord> out = new ArrayList<>(oldestFirst.size());
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      out.add(SafetyJson.decode(String.valueOf(oldestFirst.get(i))));
    }
    return List.copyOf(out);
  }

  @Override
  public List<JobRecord> traceJobs(String traceId) {
    if (traceId.isBlank()) {
      return List.of();
    }
    return scans.trace(traceId, now());
  }

  @Override
  public long countActiveByTenant(String tenant) {
    Args.nonBlank(tenant, "tenant");
    long now = now();
    while (true) {
      List<?> reply =
          backend.runGlobal(backend.scripts().countActive, List.of(), now, List.of(tenant));
      if (((Number) reply.get(0)).intValue() < JobBackend.PURGE_BATCH) {
        return ((Number) reply.get(1)).longValue();
      }
    }
  }

  @Override
  public List<JobRecord> dueTimers(Instant now, int limit) {
    Args.positive(limit, "limit");
    return scans.due(JobKeys.TIMERS, now, limit, now(), JobRecord::wakeAt);
  }

  @Override
  public List<JobRecord> expiredDeadlines(Instant now, int limit) {
    Args.positive(limit, "limit");
    return scans.due(JobKeys.DEADLINES, now, limit, now(), JobRecord::deadline);
  }

  @Override
  public Page<JobRecord> list(JobQuery query) {
    return scans.list(query, now());
  }

  // ---- writes

  @Override
  public JobRecord save(JobRequest request, @Nullable String traceId) {
    String id = Args.jobId(request.jobId());
    List<String> extra = new ArrayList<>();
    extra.add(RequestJson.encode(request));
    extra.add(traceId == null || traceId.isBlank() ? "" : traceId);
    extra.addAll(RecordCodec.metadata(request));
    String key = request.meta() == null ? "" : request.meta().idempotencyKey().trim();
    // A new job with an idempotency key takes the key in the same script (KEYS[22]).
    List<String> idem =
        key.isEmpty() ? List.of() : List.of(backend.keys().idempotency(Tenants.of(request), key));
    long now = now();
    List<?> reply = backend.runJob(backend.scripts().save, id, idem, now, extra);
    return remember(
        JobReplies.status(reply).equals("NEW")
            ? RecordCodec.decode(RecordCodec.created(id, request, traceId, now))
            : JobReplies.record(reply, id, null));
  }

  /**
   * Reads the record and the stored request (two commands in one round trip, no script) and returns
   * the record if the save would change nothing but the job's expiry, and the job was written less
   * than a second ago; otherwise saves.
   */
  @Override
  public JobRecord resave(JobRequest request, @Nullable String traceId) {
    String id = Args.jobId(request.jobId());
    String json = RequestJson.encode(request);
    long now = now();
    List<Object> found =
        RedisCalls.call(
            "read job",
            () -> {
              try (AbstractPipeline p = backend.redis().pipelined()) {
                Response<Map<String, String>> meta = p.hgetAll(backend.keys().meta(id));
                Response<String> req = p.get(backend.keys().request(id));
                p.sync();
                return java.util.Arrays.asList(meta.get(), req.get());
              }
            });
    @SuppressWarnings("unchecked")
    Map<String, String> f = (Map<String, String>) found.get(0);
    if (live(f, now)) {
      JobRecord r = RecordCodec.decode(f);
      boolean sameTrace = traceId == null || traceId.isBlank() || traceId.equals(r.traceId());
      boolean recent =
          RecordCodec.expiresAt(f) >= Micros.plus(now, backend.retention()) - RESAVE_WINDOW_MICROS;
      if (r.isTerminal() || (sameTrace && recent && json.equals(found.get(1)))) {
        return remember(r);
      }
    }
    return save(request, traceId);
  }

  @Override
  public JobRecord transition(String jobId, Transition t) {
    String id = Args.jobId(jobId);
    JobRecord base = known.get(id);
    // The decision as the function stores it: a record built from a short reply carries it
    // decoded from this very JSON, which is what a read of the record decodes too.
    String safety = t.safetyDecision() == null ? null : SafetyJson.encode(t.safetyDecision());
    long now = now();
    List<String> extra =
        List.of(
            t.to().name(),
            expectedStates(t),
            Long.toString(Math.max(-1, t.expectedVersion())),
            opt(t.wakeAt() == null ? null : Long.toString(Micros.of(t.wakeAt()))),
            opt(t.resultPtr()),
            opt(t.workerId()),
            opt(t.reasonCode()),
            opt(t.reason()),
            opt(safety),
            base == null ? "" : Long.toString(base.version()),
            base == null ? "" : Long.toString(Micros.of(base.createdAt())));
    List<?> reply = backend.runJob(backend.scripts().transition, id, now, extra);
    if (base != null && JobReplies.status(reply).equals("DELTA")) {
      return remember(applied(base, t, safety, now, reply));
    }
    return remember(JobReplies.record(reply, id, t.to()));
  }

  /**
   * What the transition function made of {@code base}: the new version and attempts from its reply,
   * the rest as {@code job_transition.lua} writes it.
   */
  private static JobRecord applied(
      JobRecord base, Transition t, @Nullable String safety, long now, List<?> reply) {
    JobRecord.Builder b =
        base.toBuilder()
            .state(t.to())
            .version(Long.parseLong(String.valueOf(reply.get(1))))
            .attempts(Integer.parseInt(String.valueOf(reply.get(2))))
            .updatedAt(Micros.toInstant(now))
            .wakeAt(t.wakeAt() == null ? null : Micros.toInstant(Micros.of(t.wakeAt())));
    if (t.resultPtr() != null) {
      b.resultPtr(t.resultPtr());
    }
    if (t.workerId() != null) {
      b.workerId(t.workerId());
    }
    if (t.reasonCode() != null) {
      b.reasonCode(t.reasonCode());
    }
    if (t.reason() != null) {
      b.reason(t.reason());
    }
    if (safety != null) {
      b.safety(SafetyJson.decode(safety));
    }
    if (t.to().isTerminal()) {
      b.wakeAt(null).deadline(null);
    }
    return b.build();
  }

  /** Keeps {@code r} as the base of the job's next transition (drops it once terminal). */
  private JobRecord remember(JobRecord r) {
    if (r.isTerminal()) {
      known.remove(r.id());
    } else {
      if (known.size() >= KNOWN_LIMIT) {
        known.clear();
      }
      known.put(r.id(), r);
    }
    return r;
  }

  @Override
  public JobRecord cancel(String jobId, String reason) {
    String id = Args.jobId(jobId);
    return JobReplies.record(
        backend.runJob(backend.scripts().cancel, id, now(), List.of(reason)), id, null);
  }

  @Override
  public Instant setDeadlineIfAbsent(String jobId, Instant deadline) {
    String id = Args.jobId(jobId);
    List<?> reply =
        backend.runJob(
            backend.scripts().deadline, id, now(), List.of(Long.toString(Micros.of(deadline))));
    switch (JobReplies.status(reply)) {
      case "OK":
        return Micros.toInstant(Long.parseLong(String.valueOf(reply.get(1))));
      case "TERMINAL":
        return deadline;
      default:
        throw JobReplies.failure(reply, id, null);
    }
  }

  @Override
  public JobRecord setTimer(
      String jobId,
      @Nullable Instant wakeAt,
      @Nullable String reasonCode,
      @Nullable String reason,
      long expectedVersion) {
    String id = Args.jobId(jobId);
    List<String> extra =
        List.of(
            opt(wakeAt == null ? null : Long.toString(Micros.of(wakeAt))),
            opt(reasonCode),
            opt(reason),
            Long.toString(Math.max(-1, expectedVersion)));
    return JobReplies.record(backend.runJob(backend.scripts().timer, id, now(), extra), id, null);
  }

  @Override
  public void appendSafetyDecision(String jobId, SafetyDecisionRecord decision) {
    String id = Args.jobId(jobId);
    JobReplies.record(
        backend.runJob(backend.scripts().decision, id, now(), List.of(SafetyJson.encode(decision))),
        id,
        null);
  }

  // ---- idempotency

  @Override
  public IdempotencyReservation reserveIdempotencyKey(String tenant, String key, String jobId) {
    String t = Args.nonBlank(tenant, "tenant");
    String k = Args.nonBlank(key, "idempotency_key");
    String id = Args.jobId(jobId);
    long now = now();
    List<?> reply =
        (List<?>)
            backend
                .scripts()
                .reserve
                .run(
                    backend.redis(),
                    List.of(backend.keys().idempotency(t, k)),
                    List.of(
                        Long.toString(now),
                        Long.toString(Micros.plus(now, backend.retention())),
                        backend.ttlMillis(),
                        id));
    return new IdempotencyReservation(
        ((Number) reply.get(0)).intValue() == 1, String.valueOf(reply.get(1)));
  }

  @Override
  public Optional<String> findByIdempotencyKey(String tenant, String key) {
    String redisKey =
        backend
            .keys()
            .idempotency(Args.nonBlank(tenant, "tenant"), Args.nonBlank(key, "idempotency_key"));
    long now = now();
    String v = RedisCalls.call("find idempotency key", () -> backend.redis().get(redisKey));
    if (v == null) {
      return Optional.empty();
    }
    int sep = v.indexOf('|');
    return sep > 0 && Long.parseLong(v.substring(0, sep)) > now
        ? Optional.of(v.substring(sep + 1))
        : Optional.empty();
  }

  @Override
  public boolean releaseIdempotencyKey(String tenant, String key, String jobId) {
    String redisKey =
        backend
            .keys()
            .idempotency(Args.nonBlank(tenant, "tenant"), Args.nonBlank(key, "idempotency_key"));
    String id = Args.jobId(jobId);
    Object reply =
        backend
            .scripts()
            .release
            .run(backend.redis(), List.of(redisKey), List.of(Long.toString(now()), id));
    return ((Number) reply).intValue() == 1;
  }

  /**
   * Releases the shared connections if this store was made by {@link RedisStoresModule} and it was
   * the last of its stores still open; otherwise does nothing (the caller owns the connections).
   */
  @Override
  public void close() {
    onClose.run();
  }

  // ---- internals

  /** How many writes wait for a batch of the group commit (for tests). */
  int queuedWrites() {
    return backend.writes().queued();
  }

  private @Nullable Object read(String id, String key, String mode, int count) {
    return backend
        .scripts()
        .read
        .run(
            backend.redis(),
            List.of(backend.keys().meta(id), key),
            List.of(Long.toString(now()), mode, Integer.toString(count)));
  }

  private static boolean live(Map<String, String> f, long now) {
    if (f.isEmpty()) {
      return false;
    }
    if (!f.containsKey("state")) {
      throw new BackendException("redis: job hash without a state: " + f.keySet(), null);
    }
    return RecordCodec.expiresAt(f) > now;
  }

  /** The transition's expected states as {@code job_transition} takes them: comma-separated. */
  private static String expectedStates(Transition t) {
    JobState first = t.expectedState();
    if (first == null) {
      return "";
    }
    if (t.otherExpectedStates().isEmpty()) {
      return first.name();
    }
    StringBuilder b = new StringBuilder(first.name());
    for (JobState s : t.otherExpectedStates()) {
      b.append(',').append(s.name());
    }
    return b.toString();
  }

  /** An optional script argument: '' for absent, '=' + value for present. */
  private static String opt(@Nullable String v) {
    return v == null ? "" : "=" + v;
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
