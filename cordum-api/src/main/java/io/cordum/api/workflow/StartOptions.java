package io.cordum.api.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to start a run ({@link WorkflowEngine#start}). Build with {@link #builder()}.
 *
 * @param input the run input (a JSON object)
 * @param tenant the tenant; blank takes the workflow's
 * @param team the team
 * @param idempotencyKey a key that makes a repeated start return the first run (scoped by tenant)
 * @param dryRun whether the run's jobs are marked {@code dry_run}
 * @param triggeredBy who starts it
 * @param runId the run id; blank generates one
 * @param labels labels for the run
 */
public record StartOptions(
    Map<String, Object> input,
    String tenant,
    String team,
    String idempotencyKey,
    boolean dryRun,
    String triggeredBy,
    String runId,
    Map<String, String> labels) {

  /** No input, no key, not a dry run. */
  public static final StartOptions DEFAULT = builder().build();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StartOptions}. */
  public static final class Builder {
    private Map<String, Object> input = new LinkedHashMap<>();
    private String tenant = "";
    private String team = "";
    private String idempotencyKey = "";
    private boolean dryRun;
    private String triggeredBy = "";
    private String runId = "";
    private Map<String, String> labels = new LinkedHashMap<>();

    private Builder() {}

    /** The run input. */
    public Builder input(Map<String, ?> v) {
      this.input = new LinkedHashMap<>(v);
      return this;
    }

    /** One input entry. */
    public Builder input(String key, @Nullable Object value) {
      this.input.put(key, value);
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** The team. */
    public Builder team(String v) {
      this.team = v;
      return this;
    }

    /** The idempotency key. */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = v;
      return this;
    }

    /** Marks the run's jobs as a dry run. */
    public Builder dryRun(boolean v) {
      this.dryRun = v;
      return this;
    }

    /** Who starts it. */
    public Builder triggeredBy(String v) {
      this.triggeredBy = v;
      return this;
    }

    /** The run id (generated when blank). */
    public Builder runId(String v) {
      this.runId = v;
      return this;
    }

    /** A label. */
    public Builder label(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** Builds the options. */
    public StartOptions build() {
      return new StartOptions(
          JsonTrees.freezeMap(input),
          tenant,
          team,
          idempotencyKey,
          dryRun,
          triggeredBy,
          runId,
          Map.copyOf(labels));
    }
  }
}
