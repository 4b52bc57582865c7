package io.cordum.redis.internal;

import io.cordum.api.job.JobState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The job store's Lua functions, one Redis Function library (Redis 7). Its head, run once when the
 * library is loaded, is the state table generated from {@link JobState} (so the table has one
 * source of truth), then {@code job_common.lua}; each function is an operation's own file, run
 * after {@code init} has set the call's keys and arguments ({@code read}, {@code reserve} and
 * {@code release} take their own keys and need no head).
 */
public final class JobScripts {
  /** The library every function below belongs to. */
  public final LuaLibrary library;

  /** save(request, traceId). */
  public final LuaFunction save;

  /** transition(jobId, t). */
  public final LuaFunction transition;

  /** cancel(jobId, reason). */
  public final LuaFunction cancel;

  /** setDeadlineIfAbsent. */
  public final LuaFunction deadline;

  /** setTimer. */
  public final LuaFunction timer;

  /** appendSafetyDecision. */
  public final LuaFunction decision;

  /** countActiveByTenant, with a purge. */
  public final LuaFunction countActive;

  /** Lazy index cleanup, with a purge. */
  public final LuaFunction cleanup;

  /** A job's secondary key, read with its expiry check. */
  public final LuaFunction read;

  /** reserveIdempotencyKey. */
  public final LuaFunction reserve;

  /** releaseIdempotencyKey. */
  public final LuaFunction release;

  /**
   * The per-job writes, which {@link #batch} can run several of in one call: each is a Lua function
   * of the library's head ({@code OPS.<name>}), called by its own registered function and by {@code
   * batch} alike, so a write means the same whichever way it is sent.
   */
  public static final List<String> PER_JOB =
      List.of("save", "transition", "cancel", "deadline", "timer", "decision");

  /** Several per-job writes in one call (group commit), see {@code job_batch.lua}. */
  public final LuaFunction batch;

  /** Builds every script (no I/O beyond reading the resources). */
  public JobScripts() {
    StringBuilder head =
        new StringBuilder(stateTable()).append(LuaScript.read("job_common.lua")).append('\n');
    head.append("local OPS = {}\n");
    Map<String, String> fns = new LinkedHashMap<>();
    for (String op : PER_JOB) {
      head.append("OPS.")
          .append(op)
          .append(" = function(keys, args)\ninit(keys, args)\n")
          .append(LuaScript.read("job_" + op + ".lua"))
          .append("\nend\n");
      fns.put(op, "return OPS." + op + "(keys, args)");
    }
    for (String op : List.of("count_active", "cleanup")) {
      fns.put(op, "init(keys, args)\n" + LuaScript.read("job_" + op + ".lua"));
    }
    fns.put("batch", LuaScript.read("job_batch.lua"));
    fns.put("read", "KEYS, ARGV = keys, args\n" + LuaScript.read("job_read.lua"));
    for (String op : List.of("reserve", "release")) {
      fns.put(op, "KEYS, ARGV = keys, args\n" + LuaScript.read("idempotency_" + op + ".lua"));
    }
    library = LuaLibrary.of("cordum_job", head.toString(), fns);
    save = new LuaFunction(library, "save");
    transition = new LuaFunction(library, "transition");
    cancel = new LuaFunction(library, "cancel");
    deadline = new LuaFunction(library, "deadline");
    timer = new LuaFunction(library, "timer");
    decision = new LuaFunction(library, "decision");
    countActive = new LuaFunction(library, "count_active");
    cleanup = new LuaFunction(library, "cleanup");
    read = new LuaFunction(library, "read");
    reserve = new LuaFunction(library, "reserve");
    release = new LuaFunction(library, "release");
    batch = new LuaFunction(library, "batch");
  }

  /** Lua tables of the state machine, generated from {@link JobState}. */
  static String stateTable() {
    StringBuilder b = new StringBuilder("-- generated from io.cordum.api.job.JobState\n");
    b.append("local STATE_POS = {");
    for (JobState s : JobState.values()) {
      b.append(s.name()).append(" = ").append(s.ordinal() + 1).append(", ");
    }
    b.append("}\n");
    b.append("local TERMINAL = ")
        .append(
            set(
                Arrays.stream(JobState.values())
                    .filter(JobState::isTerminal)
                    .toArray(JobState[]::new)))
        .append('\n');
    b.append("local SLOT = ")
        .append(
            set(
                Arrays.stream(JobState.values())
                    .filter(JobState::holdsWorkerSlot)
                    .toArray(JobState[]::new)))
        .append('\n');
    b.append("local INITIAL = ")
        .append(set(JobState.initialTargets().toArray(JobState[]::new)))
        .append('\n');
    b.append("local ALLOWED = {\n");
    for (JobState s : JobState.values()) {
      b.append("  ")
          .append(s.name())
          .append(" = ")
          .append(set(s.allowedTargets().toArray(JobState[]::new)))
          .append(",\n");
    }
    b.append("}\n");
    b.append("local function can_transition(from, to)\n")
        .append("  if not from then return INITIAL[to] == true end\n")
        .append("  if from == to then return STATE_POS[to] ~= nil end\n")
        .append("  local allowed = ALLOWED[from]\n")
        .append("  return allowed ~= nil and allowed[to] == true\n")
        .append("end\n");
    return b.toString();
  }

  private static String set(JobState[] states) {
    return Arrays.stream(states)
        .map(s -> s.name() + " = true")
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
