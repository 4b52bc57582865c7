package io.cordum.client.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a run ({@code POST /api/v1/workflows/{id}/runs}). {@link #DEFAULT} starts it with an
 * empty input.
 *
 * @param input the run's input (a JSON object)
 * @param dryRun run without real jobs
 * @param idempotencyKey a key that makes a repeated start return the first run (and the call
 *     retryable); sent as {@code Idempotency-Key}
 * @param orgId the tenant (default: the workflow's)
 * @param teamId the team
 */
public record StartRunOptions(
    Map<String, Object> input, boolean dryRun, String idempotencyKey, String orgId, String teamId) {
  /** An empty input, no key. */
  public static final StartRunOptions DEFAULT = builder().build();

  /** Normalizes nulls. */
  public StartRunOptions {
    input = Norm.map(input);
    idempotencyKey = Norm.s(idempotencyKey);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StartRunOptions}. */
  public static final class Builder {
    private final Map<String, Object> input = new LinkedHashMap<>();
    private boolean dryRun;
    private String idempotencyKey = "";
    private String orgId = "";
    private String teamId = "";

    private Builder() {}

    /** Adds an input field. */
    public Builder input(String key, Object value) {
      input.put(key, value);
      return this;
    }

    /** Adds input fields. */
    public Builder input(Map<String, ?> v) {
      input.putAll(v);
      return this;
    }

    /** Runs without real jobs. */
    public Builder dryRun(boolean v) {
      this.dryRun = v;
      return this;
    }

    /** A key that makes a repeated start return the first run. */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = Objects.requireNonNull(v, "idempotencyKey");
      return this;
    }

    /** The tenant. */
    public Builder orgId(String v) {
      this.orgId = Objects.requireNonNull(v, "orgId");
      return this;
    }

    /** The team. */
    public Builder teamId(String v) {
      this.teamId = Objects.requireNonNull(v, "teamId");
      return this;
    }

    /** Builds the options. */
    public StartRunOptions build() {
      return new StartRunOptions(input, dryRun, idempotencyKey, orgId, teamId);
    }
  }
}
