package io.cordum.redis.internal;

import io.cordum.api.job.JobState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The job store's Lua scripts. Each is the state table generated from {@link JobState} (so the
 * table has one source of truth), then {@code job_common.lua}, then the operation's own file.
 */
public final class JobScripts {
  /** save(request, traceId). */
  public final LuaScript save;

  /** transition(jobId, t). */
  public final LuaScript transition;

  /** cancel(jobId, reason). */
  public final LuaScript cancel;

  /** setDeadlineIfAbsent. */
  public final LuaScript deadline;

  /** setTimer. */
  public final LuaScript timer;

  /** appendSafetyDecision. */
  public final LuaScript decision;

  /** countActiveByTenant, with a purge. */
  public final LuaScript countActive;

  /** Lazy index cleanup, with a purge. */
  public final LuaScript cleanup;

  /** A job's secondary key, read with its expiry check. */
  public final LuaScript read;

  /** reserveIdempotencyKey. */
  public final LuaScript reserve;

  /** releaseIdempotencyKey. */
  public final LuaScript release;

  /** Builds every script (no I/O beyond reading the resources). */
  public JobScripts() {
    String head = stateTable() + LuaScript.read("job_common.lua");
    save = LuaScript.resource("job_save", head);
    transition = LuaScript.resource("job_transition", head);
    cancel = LuaScript.resource("job_cancel", head);
    deadline = LuaScript.resource("job_deadline", head);
    timer = LuaScript.resource("job_timer", head);
    decision = LuaScript.resource("job_decision", head);
    countActive = LuaScript.resource("job_count_active", head);
    cleanup = LuaScript.resource("job_cleanup", head);
    read = LuaScript.resource("job_read", "");
    reserve = LuaScript.resource("idempotency_reserve", "");
    release = LuaScript.resource("idempotency_release", "");
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
