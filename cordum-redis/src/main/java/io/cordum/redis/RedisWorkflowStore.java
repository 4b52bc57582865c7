package io.cordum.redis;

import io.cordum.api.ConflictException;
import io.cordum.api.LimitExceededException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.internal.store.Args;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.api.workflow.RunCreation;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import io.cordum.redis.internal.WorkflowJson;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import redis.clients.jedis.params.ZRangeParams;

/**
 * A {@link WorkflowStore} on Redis. Every key carries one hash tag, <code>{&lt;prefix&gt;:wf}
 * </code>, so each atomic change is one single-slot Lua script that declares every key it touches:
 * a run's hash, its status and workflow indexes, the timer set, the idempotency hash and its
 * timeline change together. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}.
 */
public final class RedisWorkflowStore implements WorkflowStore, AutoCloseable {
  /** The default bound of a run's timeline. */
  public static final int DEFAULT_TIMELINE_LIMIT = 1000;

  private static final int MAX_DELETE_ATTEMPTS = 16;

  private final RedisConnections connections;
  private final InstantSource clock;
  private final int timelineLimit;
  private final String tag;
  private final LuaScript defSave = LuaScript.resource("wf_def_save", "");
  private final LuaScript defDelete = LuaScript.resource("wf_def_delete", "");
  private final LuaScript runCreate = LuaScript.resource("wf_run_create", "");
  private final LuaScript runUpdate = LuaScript.resource("wf_run_update", "");
  private final LuaScript runDelete = LuaScript.resource("wf_run_delete", "");
  private final LuaScript append = LuaScript.resource("wf_timeline_append", "");
  private final Runnable onClose;

  /** A store with the default timeline bound. */
  public RedisWorkflowStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, DEFAULT_TIMELINE_LIMIT);
  }

  /** A store keeping at most {@code timelineLimit} events per run. */
  public RedisWorkflowStore(RedisConnections connections, InstantSource clock, int timelineLimit) {
    this(connections, clock, timelineLimit, () -> {});
  }

  RedisWorkflowStore(
      RedisConnections connections, InstantSource clock, int timelineLimit, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timelineLimit < 1) {
      throw new IllegalArgumentException("timelineLimit must be at least 1");
    }
    this.timelineLimit = timelineLimit;
    this.tag = tag(connections.config());
    this.onClose = onClose;
  }

  /** The hash tag of the store's keys, such as <code>{cordum:wf}:</code>. */
  static String tag(RedisConfig config) {
    String p = config.keyPrefix();
    return "{" + (p.endsWith(":") ? p.substring(0, p.length() - 1) : p) + ":wf}:";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private String defKey(String id) {
    return tag + "def:" + id;
  }

  private String defsKey() {
    return tag + "defs";
  }

  private String tenantDefsKey(String tenant) {
    return tenant.isEmpty() ? defsKey() : tag + "defs:tenant:" + tenant;
  }

  private String runKey(String id) {
    return tag + "run:" + id;
  }

  private String runsKey() {
    return tag + "runs";
  }

  private String workflowRunsKey(String wf) {
    return tag + "runs:wf:" + wf;
  }

  private String statusKey(RunStatus s) {
    return tag + "runs:status:" + s.wireName();
  }

  private String tenantRunsKey(String tenant) {
    return tag + "runs:tenant:" + tenant;
  }

  private String activeKey(String tenant) {
    return tag + "runs:active:" + tenant;
  }

  private String timersKey() {
    return tag + "timers";
  }

  private String idemKey() {
    return tag + "idem";
  }

  private String timelineKey(String runId) {
    return tag + "tl:" + runId;
  }

  private String seqKey() {
    return tag + "tlseq";
  }

  private static String idemField(String tenant, String key) {
    return key.isBlank() ? "" : tenant.length() + ":" + tenant + ":" + key;
  }

  private static String member(Instant created, String id) {
    return String.format("%013d:%s", created.toEpochMilli(), id);
  }

  // ---- definitions ----

  @Override
  public WorkflowDefinition saveDefinition(WorkflowDefinition def, long expectedVersion) {
    String id = Args.nonBlank(def.id(), "id");
    Instant now = now();
    Object r =
        defSave.run(
            connections.client(),
            List.of(defKey(id), defsKey(), tenantDefsKey(def.tenant())),
            List.of(
                Long.toString(expectedVersion),
                WorkflowJson.encode(def.withVersion(0, null, now)),
                Long.toString(now.toEpochMilli()),
                id));
    List<?> reply = (List<?>) r;
    if ("conflict".equals(reply.get(0))) {
      throw new ConflictException(
          "workflow " + id + " is at version " + reply.get(1) + ", expected " + expectedVersion);
    }
    return def.withVersion(
        Long.parseLong((String) reply.get(0)),
        Instant.ofEpochMilli(Long.parseLong((String) reply.get(1))),
        now);
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId) {
    String latest =
        RedisCalls.call(
            "read workflow", () -> connections.client().hget(defKey(workflowId), "latest"));
    if (latest == null || latest.equals("0")) {
      return Optional.empty();
    }
    return getDefinition(workflowId, Long.parseLong(latest));
  }

  @Override
  public Optional<WorkflowDefinition> getDefinition(String workflowId, long version) {
    List<String> v =
        RedisCalls.call(
            "read workflow version",
            () ->
                connections
                    .client()
                    .hmget(defKey(workflowId), "v:" + version, "u:" + version, "created"));
    if (v.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(
        WorkflowJson.definition(v.get(0))
            .withVersion(
                version,
                Instant.ofEpochMilli(Long.parseLong(v.get(2))),
                Instant.ofEpochMilli(Long.parseLong(v.get(1)))));
  }

  @Override
  public List<WorkflowDefinition> listDefinitions(String tenant, int limit) {
    int want = Math.max(1, limit);
    List<WorkflowDefinition> out = new ArrayList<>();
    int offset = 0;
    int batch = Math.max(32, want);
    while (out.size() < want) {
      int from = offset;
      List<String> ids =
          RedisCalls.call(
              "list workflows",
              () ->
                  connections
                      .client()
                      .zrange(
                          tenantDefsKey(tenant),
                          ZRangeParams.zrangeParams(from, from + batch - 1).rev()));
      for (String id : ids) {
        getDefinition(id)
            .filter(d -> tenant.isBlank() || d.tenant().equals(tenant))
            .ifPresent(
                d -> {
                  if (out.size() < want) {
                    out.add(d);
                  }
                });
      }
      if (ids.size() < batch) {
        break;
      }
      offset += batch;
    }
    return out;
  }

  @Override
  public boolean deleteDefinition(String workflowId) {
    Optional<WorkflowDefinition> d = getDefinition(workflowId);
    if (d.isEmpty()) {
      return false;
    }
    Object r =
        defDelete.run(
            connections.client(),
            List.of(defKey(workflowId), defsKey(), tenantDefsKey(d.get().tenant())),
            List.of(workflowId));
    return Long.valueOf(1).equals(r);
  }

  // ---- runs ----

  @Override
  public RunCreation createRun(WorkflowRun run, int maxActiveRuns) {
    String id = Args.nonBlank(run.id(), "id");
    Args.nonBlank(run.workflowId(), "workflow_id");
    for (int i = 0; i < MAX_DELETE_ATTEMPTS; i++) {
      Instant now = now();
      WorkflowRun stored = normalize(run.stored(1, now, now));
      String field = idemField(stored.tenant(), stored.idempotencyKey());
      List<?> reply =
          (List<?>)
              runCreate.run(
                  connections.client(),
                  List.of(
                      runKey(id),
                      runsKey(),
                      workflowRunsKey(stored.workflowId()),
                      statusKey(stored.status()),
                      timersKey(),
                      idemKey(),
                      tenantRunsKey(stored.tenant()),
                      activeKey(stored.tenant())),
                  List.of(
                      id,
                      WorkflowJson.encode(stored),
                      stored.status().wireName(),
                      stored.workflowId(),
                      stored.tenant(),
                      stored.idempotencyKey(),
                      field,
                      Long.toString(now.toEpochMilli()),
                      member(now, id),
                      wake(stored),
                      Integer.toString(Math.max(0, maxActiveRuns)),
                      stored.isTerminal() ? "1" : "0"));
      switch ((String) reply.get(0)) {
        case "ok" -> {
          return new RunCreation(stored, true);
        }
        case "exists" -> throw new ConflictException("workflow run " + id + " already exists");
        case "limit" -> {
          long n = Long.parseLong((String) reply.get(1));
          throw new LimitExceededException(
              "max_concurrent_runs",
              maxActiveRuns,
              n,
              "max concurrent runs reached: tenant \""
                  + stored.tenant()
                  + "\" has "
                  + n
                  + " active runs (limit "
                  + maxActiveRuns
                  + ")");
        }
        default -> {
          Optional<WorkflowRun> other = getRun((String) reply.get(1));
          if (other.isPresent()) {
            return new RunCreation(other.get(), false);
          }
        }
      }
    }
    throw new ConflictException("idempotency key of run " + id + " kept changing; try again");
  }

  @Override
  public long countActiveRuns(String tenant) {
    return RedisCalls.call(
        "count active runs", () -> connections.client().scard(activeKey(tenant)));
  }

  private static WorkflowRun normalize(WorkflowRun r) {
    return r.isTerminal() && r.wakeAt() != null ? r.toBuilder().wakeAt(null).build() : r;
  }

  private static String wake(WorkflowRun r) {
    return r.wakeAt() == null ? "" : Long.toString(r.wakeAt().toEpochMilli());
  }

  @Override
  public Optional<WorkflowRun> getRun(String runId) {
    List<String> v =
        RedisCalls.call(
            "read workflow run",
            () ->
                connections
                    .client()
                    .hmget(
                        runKey(runId),
                        "doc",
                        "version",
                        "wf",
                        "tenant",
                        "key",
                        "created",
                        "updated"));
    if (v.get(0) == null) {
      return Optional.empty();
    }
    WorkflowRun doc = WorkflowJson.run(v.get(0));
    return Optional.of(
        identity(doc, Long.parseLong(v.get(1)), v.get(2), v.get(3), v.get(4), v.get(5)).toBuilder()
            .updatedAt(Instant.ofEpochMilli(Long.parseLong(v.get(6))))
            .build());
  }

  private static WorkflowRun identity(
      WorkflowRun doc, long version, String wf, String tenant, String key, String created) {
    return doc.toBuilder()
        .version(version)
        .workflowId(wf)
        .tenant(tenant)
        .idempotencyKey(key)
        .createdAt(Instant.ofEpochMilli(Long.parseLong(created)))
        .build();
  }

  @Override
  public WorkflowRun updateRun(WorkflowRun run, long expectedVersion, List<TimelineEvent> events) {
    String tenant = run.tenant();
    for (int i = 0; i < 2; i++) {
      Instant now = now();
      List<?> reply = update(run, expectedVersion, events, tenant, now);
      if (!"tenant".equals(reply.get(0))) {
        return updated(run, expectedVersion, reply, now);
      }
      tenant = (String) reply.get(1); // the caller's copy named another tenant: use the stored one
    }
    throw new ConflictException("workflow run " + run.id() + " changed tenant while updated");
  }

  private List<?> update(
      WorkflowRun run,
      long expectedVersion,
      List<TimelineEvent> events,
      String tenant,
      Instant now) {
    WorkflowRun next =
        normalize(run).toBuilder().version(expectedVersion + 1).updatedAt(now).build();
    List<String> keys =
        new ArrayList<>(List.of(runKey(run.id()), timersKey(), timelineKey(run.id()), seqKey()));
    for (RunStatus s : RunStatus.values()) {
      keys.add(statusKey(s));
    }
    keys.add(activeKey(tenant));
    String from =
        Arrays.stream(RunStatus.values())
            .filter(s -> RunStatus.canTransition(s, next.status()))
            .map(RunStatus::wireName)
            .collect(Collectors.joining(" "));
    List<String> args =
        new ArrayList<>(
            List.of(
                run.id(),
                Long.toString(expectedVersion),
                next.status().wireName(),
                WorkflowJson.encode(next),
                Long.toString(now.toEpochMilli()),
                wake(next),
                from,
                Integer.toString(timelineLimit),
                tenant));
    for (TimelineEvent e : events) {
      args.add(WorkflowJson.encode(e.stored(0, now)));
    }
    return (List<?>) runUpdate.run(connections.client(), keys, args);
  }

  private WorkflowRun updated(WorkflowRun run, long expectedVersion, List<?> reply, Instant now) {
    WorkflowRun next =
        normalize(run).toBuilder().version(expectedVersion + 1).updatedAt(now).build();
    switch ((String) reply.get(0)) {
      case "missing" -> throw new NotFoundException("workflow run " + run.id());
      case "conflict" ->
          throw new ConflictException(
              "workflow run "
                  + run.id()
                  + " is at version "
                  + reply.get(1)
                  + ", expected "
                  + expectedVersion);
      case "invalid" ->
          throw new InvalidRunTransitionException(
              "workflow run " + run.id(), (String) reply.get(1), next.status().wireName());
      default -> {
        return identity(
            next,
            Long.parseLong((String) reply.get(1)),
            (String) reply.get(2),
            (String) reply.get(3),
            (String) reply.get(4),
            (String) reply.get(5));
      }
    }
  }

  @Override
  public boolean deleteRun(String runId) {
    for (int i = 0; i < MAX_DELETE_ATTEMPTS; i++) {
      List<String> v =
          RedisCalls.call(
              "read workflow run",
              () ->
                  connections
                      .client()
                      .hmget(runKey(runId), "version", "wf", "status", "member", "tenant", "key"));
      if (v.get(0) == null) {
        return false;
      }
      RunStatus status = RunStatus.fromWire(v.get(2)).orElse(RunStatus.PENDING);
      Object r =
          runDelete.run(
              connections.client(),
              List.of(
                  runKey(runId),
                  runsKey(),
                  workflowRunsKey(v.get(1)),
                  statusKey(status),
                  timersKey(),
                  idemKey(),
                  timelineKey(runId),
                  seqKey(),
                  tenantRunsKey(v.get(4)),
                  activeKey(v.get(4))),
              List.of(runId, v.get(0), v.get(3), idemField(v.get(4), v.get(5))));
      long res = (Long) r;
      if (res >= 0) {
        return res == 1;
      }
    }
    throw new ConflictException("workflow run " + runId + " kept changing while deleted");
  }

  @Override
  public Page<WorkflowRun> listRuns(RunQuery q) {
    String key =
        !q.workflowId().isBlank()
            ? workflowRunsKey(q.workflowId())
            : !q.tenant().isBlank()
                ? tenantRunsKey(q.tenant())
                : q.status() != null ? statusKey(q.status()) : runsKey();
    String hi = q.cursor() == null ? "+" : "(" + q.cursor();
    int batch = Math.max(32, q.limit() + 1);
    List<WorkflowRun> out = new ArrayList<>();
    String lastMember = null;
    while (true) {
      String top = hi;
      List<String> members =
          RedisCalls.call(
              "list workflow runs",
              () ->
                  connections
                      .client()
                      .zrange(key, ZRangeParams.zrangeByLexParams(top, "-").limit(0, batch).rev()));
      for (String m : members) {
        Optional<WorkflowRun> r = getRun(m.substring(m.indexOf(':') + 1));
        if (r.isEmpty() || !q.matches(r.get())) {
          continue;
        }
        if (out.size() == q.limit()) {
          return new Page<>(out, lastMember);
        }
        out.add(r.get());
        lastMember = m;
      }
      if (members.size() < batch) {
        return new Page<>(out, null);
      }
      hi = "(" + members.get(members.size() - 1);
    }
  }

  @Override
  public List<WorkflowRun> dueTimers(Instant now, int limit) {
    List<String> ids =
        RedisCalls.call(
            "due workflow timers",
            () ->
                connections
                    .client()
                    .zrangeByScore(
                        timersKey(),
                        "-inf",
                        Long.toString(now.toEpochMilli()),
                        0,
                        Math.max(1, limit)));
    List<WorkflowRun> out = new ArrayList<>();
    for (String id : ids) {
      getRun(id)
          .filter(r -> !r.isTerminal() && r.wakeAt() != null && !r.wakeAt().isAfter(now))
          .ifPresent(out::add);
    }
    return out;
  }

  @Override
  public Optional<String> findRunByIdempotencyKey(String tenant, String key) {
    String field = idemField(tenant, key);
    if (field.isEmpty()) {
      return Optional.empty();
    }
    String id =
        RedisCalls.call("read idempotency key", () -> connections.client().hget(idemKey(), field));
    return Optional.ofNullable(id).filter(x -> getRun(x).isPresent());
  }

  @Override
  public TimelineEvent appendTimeline(String runId, TimelineEvent event) {
    Args.nonBlank(runId, "run_id");
    Instant now = now();
    TimelineEvent timed = event.stored(0, now);
    Object seq =
        append.run(
            connections.client(),
            List.of(timelineKey(runId), seqKey()),
            List.of(runId, Integer.toString(timelineLimit), WorkflowJson.encode(timed)));
    return timed.stored((Long) seq, now);
  }

  @Override
  public Page<TimelineEvent> timeline(String runId, TimelineQuery q) {
    String key = timelineKey(runId);
    List<String> members;
    if (q.newestFirst()) {
      String max = q.cursor() == null ? "+inf" : "(" + q.cursor();
      members =
          RedisCalls.call(
              "read timeline",
              () -> connections.client().zrevrangeByScore(key, max, "-inf", 0, q.limit() + 1));
    } else {
      String min = q.cursor() == null ? "-inf" : "(" + q.cursor();
      members =
          RedisCalls.call(
              "read timeline",
              () -> connections.client().zrangeByScore(key, min, "+inf", 0, q.limit() + 1));
    }
    List<TimelineEvent> out = new ArrayList<>();
    for (String m : members.subList(0, Math.min(q.limit(), members.size()))) {
      long seq = Long.parseLong(m.substring(0, 19));
      out.add(WorkflowJson.event(m.substring(20)).stored(seq, Instant.EPOCH));
    }
    String next = members.size() > q.limit() ? Long.toString(out.get(out.size() - 1).seq()) : null;
    return new Page<>(out, next);
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }
}
