package io.cordum.core.internal.workflow;

import io.cordum.api.CordumException;
import io.cordum.api.workflow.OnError;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowErrorCodes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling pass: visits the steps in a deterministic topological order and repeats until
 * nothing changes (a fixpoint), so every step made ready by the pass starts in the same pass rather
 * than waiting for the next timer. Then it derives the run status, fails fast (cancelling work in
 * flight) and computes the run output.
 */
final class Pass {
  private static final int MAX_ROUNDS = 10_000;
  private final JobSteps jobs;
  private final BuiltIns builtIns;
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private volatile @Nullable Order last;

  Pass(JobSteps jobs, BuiltIns builtIns) {
    this.jobs = jobs;
    this.builtIns = builtIns;
  }

  void run(RunState s) {
    if (s.status().isTerminal()) {
      return;
    }
    if (s.status() == RunStatus.PENDING) {
      s.status(RunStatus.RUNNING, "");
      s.started(s.def.timeoutSec() > 0 ? s.now.plusSeconds(s.def.timeoutSec()) : null);
    }
    Instant deadline = s.deadline();
    if (deadline != null && !deadline.isAfter(s.now)) {
      s.error(
          WorkflowError.of(
              WorkflowErrorCodes.RUN_TIMEOUT,
              "the run did not finish within " + s.def.timeoutSec() + "s"));
      stopAll(s, "run timed out");
      s.status(RunStatus.TIMED_OUT, "run timed out");
      return;
    }
    List<StepDefinition> order = order(s.def);
    // A failure appears only through a step that moved (or was there before the pass): checking
    // after those alone saves a scan of every step after every step.
    boolean failedBefore = failedFast(s);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean progress = false;
      for (StepDefinition d : order) {
        boolean moved = step(s, d);
        progress |= moved;
        if ((moved || failedBefore) && failedFast(s)) {
          break;
        }
      }
      if (!progress || failedFast(s)) {
        break;
      }
    }
    derive(s);
  }

  private boolean failedFast(RunState s) {
    return failure(s) != null;
  }

  /** Advances one definition step. Returns whether anything changed. */
  private boolean step(RunState s, StepDefinition d) {
    StepRun cur = s.step(d.id());
    if (cur.isTerminal()) {
      return false;
    }
    if (cur.status() == StepStatus.PENDING && cur.attempts() == 0) {
      for (String dep : d.dependsOn()) {
        if (!Steps.satisfied(s, dep)) {
          return false;
        }
      }
      if (d.type() != io.cordum.api.workflow.StepType.CONDITION && !d.condition().isBlank()) {
        boolean pass;
        try {
          pass = Expressions.test(d.condition(), s.scope());
        } catch (CordumException e) {
          // A gate that cannot be evaluated would otherwise leave the step pending for ever.
          Steps.fail(
              s,
              cur,
              StepStatus.FAILED,
              WorkflowErrorCodes.CONDITION_ERROR,
              e.getMessage(),
              TimelineEvent.STEP_CONDITION_FAILED);
          return true;
        }
        if (!pass) {
          Steps.succeed(
              s,
              cur.toBuilder().skipped(true).build(),
              null,
              TimelineEvent.STEP_SKIPPED,
              "condition is false",
              Map.of());
          return true;
        }
      }
      if (d.type().isBuiltIn()) {
        builtIns.start(s, d);
      } else {
        jobs.start(s, d);
      }
      return true;
    }
    if (d.type().isBuiltIn()) {
      return builtIns.advance(s, d, cur);
    }
    if (cur.fanOut() > 0) {
      return jobs.advanceFanOut(s, d, cur);
    }
    return jobs.advance(s, d, cur);
  }

  /** The step that fails the run, if any: a failure without on_error continue. */
  private static @Nullable StepDefinition failure(RunState s) {
    for (StepDefinition d : s.def.steps().values()) {
      StepRun r = s.steps.get(d.id());
      if (r != null && r.status().isFailure() && d.onError() == OnError.FAIL) {
        return d;
      }
    }
    return null;
  }

  /** Derives the run status from the definition steps (children are represented by parents). */
  static void derive(RunState s) {
    StepDefinition failed = failure(s);
    if (failed != null) {
      StepRun r = s.step(failed.id());
      WorkflowError e = r.error();
      s.error(
          new WorkflowError(
              e == null ? r.status().wireName() : e.code(),
              e == null ? "step " + failed.id() + " " + r.status().wireName() : e.message(),
              failed.id()));
      stopAll(s, "step " + failed.id() + " " + r.status().wireName());
      boolean timedOut =
          r.status() == StepStatus.TIMED_OUT
              && s.def.steps().values().stream()
                  .noneMatch(
                      d ->
                          d.onError() == OnError.FAIL
                              && s.step(d.id()).status().isFailure()
                              && s.step(d.id()).status() != StepStatus.TIMED_OUT);
      s.status(timedOut ? RunStatus.TIMED_OUT : RunStatus.FAILED, "");
      return;
    }
    boolean waiting = false;
    boolean done = true;
    for (StepDefinition d : s.def.steps().values()) {
      StepRun r = s.step(d.id());
      waiting |= r.status() == StepStatus.WAITING;
      done &= r.isTerminal();
    }
    if (done) {
      s.output(output(s));
      s.status(RunStatus.SUCCEEDED, "");
    } else if (waiting) {
      s.status(RunStatus.WAITING, "");
    } else {
      s.status(RunStatus.RUNNING, "");
    }
  }

  /** Cancels everything still in flight or waiting, so that nothing outlives its run. */
  static void stopAll(RunState s, String reason) {
    for (StepDefinition d : s.def.steps().values()) {
      StepRun r = s.step(d.id());
      if (r.status() == StepStatus.RUNNING
          || r.status() == StepStatus.WAITING
          || (r.status() == StepStatus.PENDING && r.attempts() > 0)) {
        Steps.cancel(s, d.id(), reason);
      }
    }
  }

  /** The outputs of the steps no other step depends on, by step id. */
  private static Map<String, Object> output(RunState s) {
    Set<String> depended = new HashSet<>();
    s.def.steps().values().forEach(d -> depended.addAll(d.dependsOn()));
    Map<String, Object> out = new LinkedHashMap<>();
    for (StepDefinition d : s.def.steps().values()) {
      StepRun r = s.step(d.id());
      if (!depended.contains(d.id()) && r.output() != null && !r.skipped()) {
        out.put(d.id(), r.output());
      }
    }
    return out;
  }

  /**
   * Kahn's algorithm, ties broken by definition order; cached per workflow version. The cache holds
   * the definition it was computed from and is checked by identity (the engine keeps one instance
   * per version), so a pass costs no hash of the whole definition; another instance of the same
   * version is compared in full once and then replaces the entry.
   */
  List<StepDefinition> order(WorkflowDefinition def) {
    Order recent = last;
    if (recent != null && recent.def == def) {
      return recent.steps;
    }
    String key = def.id() + "@" + def.version();
    Order o = orders.get(key);
    if (o != null && o.def == def) {
      last = o;
      return o.steps;
    }
    Order computed =
        o != null && o.def.equals(def) ? new Order(def, o.steps) : new Order(def, topo(def));
    orders.put(key, computed);
    last = computed;
    return computed.steps;
  }

  private record Order(WorkflowDefinition def, List<StepDefinition> steps) {}

  static List<StepDefinition> topo(WorkflowDefinition def) {
    Map<String, Integer> indegree = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (StepDefinition d : def.steps().values()) {
      indegree.putIfAbsent(d.id(), 0);
      for (String dep : d.dependsOn()) {
        if (def.steps().containsKey(dep)) {
          indegree.merge(d.id(), 1, Integer::sum);
          dependents.computeIfAbsent(dep, x -> new ArrayList<>()).add(d.id());
        }
      }
    }
    List<StepDefinition> out = new ArrayList<>();
    ArrayDeque<String> ready = new ArrayDeque<>();
    def.steps().keySet().stream()
        .filter(id -> indegree.getOrDefault(id, 0) == 0)
        .forEach(ready::add);
    while (!ready.isEmpty()) {
      String id = ready.poll();
      out.add(def.steps().get(id));
      for (String dep : dependents.getOrDefault(id, List.of())) {
        if (indegree.merge(dep, -1, Integer::sum) == 0) {
          ready.add(dep);
        }
      }
    }
    // Steps on a cycle (only in definitions saved without validation) are never ready.
    return out;
  }
}
