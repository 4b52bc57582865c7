package io.cordum.core.internal.workflow;

import io.cordum.api.ValidationException;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Plans a rerun: which steps of the source run are kept and which run again. The rerun keeps every
 * succeeded step outside {@code fromStep} and its dependents (only what depends on the chosen step
 * can change), rebuilds the context from the kept steps only (so no value written by a step that
 * runs again leaks into the new run), and takes the dry-run flag from the request alone (a rerun is
 * a new decision of its caller).
 */
final class Reruns {
  private Reruns() {}

  static WorkflowRun plan(
      WorkflowRun src,
      WorkflowDefinition def,
      String fromStep,
      boolean dryRun,
      String newId,
      Instant now) {
    String from = fromStep == null ? "" : fromStep.trim();
    if (!from.isEmpty() && !def.steps().containsKey(from)) {
      throw new ValidationException("from_step", "unknown step \"" + from + "\"");
    }
    Set<String> again =
        from.isEmpty() ? new HashSet<>(def.steps().keySet()) : dependentsOf(def, from);
    Map<String, String> labels = new LinkedHashMap<>(src.labels());
    Map<String, String> metadata = new LinkedHashMap<>(src.metadata());
    labels.remove("dry_run");
    metadata.remove("dry_run");
    metadata.put("rerun_of", src.id());
    if (!from.isEmpty()) {
      metadata.put("rerun_step", from);
    }
    if (dryRun) {
      labels.put("dry_run", "true");
      metadata.put("dry_run", "true");
    }
    WorkflowRun.Builder b =
        WorkflowRun.builder(newId)
            .workflowId(src.workflowId())
            .workflowVersion(src.workflowVersion())
            .tenant(src.tenant())
            .team(src.team())
            .input(src.input())
            .triggeredBy(src.triggeredBy())
            .labels(labels)
            .metadata(metadata)
            .rerunOf(src.id())
            .rerunStep(from)
            .dryRun(dryRun)
            .status(RunStatus.PENDING);
    WorkflowRun shell = b.build();
    RunState s = new RunState(shell, def, now);
    for (StepDefinition d : def.steps().values()) {
      StepRun old = src.steps().get(d.id());
      if (again.contains(d.id()) || old == null || old.status() != StepStatus.SUCCEEDED) {
        continue;
      }
      s.steps.put(d.id(), old);
      for (int i = 0; i < Math.max(0, old.fanOut()); i++) {
        String key = JobIds.childKey(d.id(), i);
        StepRun child = src.steps().get(key);
        if (child != null) {
          s.steps.put(key, child);
          s.recordOutput(key, child.output(), child.resultPtr(), null);
        }
      }
      if (!old.skipped()) {
        s.recordOutput(d.id(), old.output(), old.resultPtr(), d.outputPath());
      }
    }
    return b.steps(s.steps).context(s.context()).build();
  }

  /** The step and every step that depends on it, directly or not. */
  static Set<String> dependentsOf(WorkflowDefinition def, String step) {
    Set<String> out = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(step);
    while (!todo.isEmpty()) {
      String cur = todo.poll();
      if (out.add(cur)) {
        def.steps().values().stream()
            .filter(d -> d.dependsOn().contains(cur))
            .forEach(d -> todo.add(d.id()));
      }
    }
    return out;
  }
}
