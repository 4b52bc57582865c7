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

  /** Builds every script (no I/O beyond reading the resources). */
  public JobScripts() {
    Map<String, String> fns = new LinkedHashMap<>();
    for (String op :
        List.of(
            "save",
            "transition",
            "cancel",
            "deadline",
            "timer",
            "decision",
            "count_active",
            "cleanup")) {
      fns.put(op, "init(keys, args)\n" + LuaScript.read("job_" + op + ".lua"));
    }
    fns.put("read", "KEYS, ARGV = keys, args\n" + LuaScript.read("job_read.lua"));
    for (String op : List.of("reserve", "release")) {
      fns.put(op, "KEYS, ARGV = keys, args\n" + LuaScript.read("idempotency_" + op + ".lua"));
    }
    library = LuaLibrary.of("cordum_job", stateTable() + LuaScript.read("job_common.lua"), fns);
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
