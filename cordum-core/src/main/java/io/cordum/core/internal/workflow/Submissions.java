package io.cordum.core.internal.workflow;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepMeta;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.WorkflowRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the job of a step attempt from the stored run (so a resubmission after a crash builds the
 * same job): topic, env, labels, priority, memory id, deadline and metadata, and the rendered input
 * as the job's input.
 */
final class Submissions {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Submissions() {}

  static JobSubmission of(WorkflowRun run, StepDefinition d, StepRun step) {
    boolean dry = run.dryRun() || "true".equals(run.metadata().get("dry_run"));
    String memoryId =
        run.input().get("memory_id") instanceof String m && !m.isBlank() ? m : "run:" + run.id();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("workflow_id", run.workflowId());
    env.put("run_id", run.id());
    env.put("step_id", step.stepId());
    env.put("tenant_id", run.tenant());
    env.put("team_id", run.team());
    env.put("memory_id", memoryId);
    env.put("context_mode", "raw");
    if (step.index() >= 0) {
      env.put("foreach_index", Integer.toString(step.index()));
      env.put("foreach_item", new String(json(step.item()), StandardCharsets.UTF_8));
    }
    if (dry) {
      env.put("dry_run", "true");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("workflow_id", run.workflowId());
    labels.put("run_id", run.id());
    labels.put("step_id", step.stepId());
    if (!d.workerId().isEmpty()) {
      labels.put("worker_id", d.workerId());
    }
    labels.putAll(d.routeLabels());
    if (dry) {
      // Not "dry_run": every label but routing hints is a placement constraint for the
      // scheduler, so a plain dry_run label would keep the job off every worker without it.
      labels.put("cordum.dry_run", "true");
    }
    JobRequest.Builder req =
        JobRequest.builder()
            .jobId(step.jobId())
            .topic(d.topic().isEmpty() ? "job.workflow." + run.workflowId() : d.topic())
            .adapterId(d.workerId())
            .workflowId(run.workflowId())
            .tenantId(run.tenant())
            .priority(priority(run.input().get("priority")))
            .memoryId(memoryId)
            .env(env)
            .labels(labels);
    if (d.timeoutSec() > 0) {
      req.budget(Budget.ofDeadline(Duration.ofSeconds(d.timeoutSec())));
    }
    StepMeta m = d.meta();
    if (!m.isEmpty() || !run.tenant().isEmpty()) {
      req.meta(
          JobMetadata.builder()
              .tenantId(run.tenant())
              .actorId(m.actorId())
              .actorType(actorType(m.actorType()))
              .idempotencyKey(m.idempotencyKey())
              .packId(m.packId())
              .capability(m.capability())
              .riskTags(m.riskTags())
              .requires(m.requires())
              .labels(m.labels())
              .build());
    }
    if (!m.actorId().isEmpty()) {
      req.principalId(m.actorId());
    }
    byte[] input = json(step.input());
    return JobSubmission.of(req.build(), input, run.id());
  }

  /**
   * A JSON tree (maps, lists, strings, numbers, booleans, null) as UTF-8 JSON: the bytes the
   * mapper's {@code writeValueAsBytes} gives (same escapes, same number forms), written directly
   * because this runs for every job a run submits and the mapper's per-call setup cost more than
   * the writing. Values of other types are written by the mapper.
   */
  static byte[] json(@Nullable Object value) {
    StringBuilder out = new StringBuilder(128);
    write(out, value);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder out, @Nullable Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String str) {
      string(out, str);
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof List<?> l) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, l.get(i));
      }
      out.append(']');
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      out.append(d.doubleValue());
    } else {
      out.append(JSON.writeValueAsString(v)); // NaN, big numbers, anything else: the mapper's way
    }
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** A JSON string with the mapper's escapes: quote, backslash, and control characters. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        out.append(c);
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append('"');
  }

  static JobPriority priority(@Nullable Object v) {
    if (v instanceof String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "critical" -> JobPriority.CRITICAL;
        case "interactive" -> JobPriority.INTERACTIVE;
        default -> JobPriority.BATCH;
      };
    }
    return JobPriority.BATCH;
  }

  static ActorType actorType(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "human" -> ActorType.HUMAN;
      case "service" -> ActorType.SERVICE;
      default -> ActorType.UNSPECIFIED;
    };
  }
}
