package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which runs to list ({@code GET /api/v1/workflow-runs}), newest first.
 *
 * @param limit the page size (0: the gateway's default, 50)
 * @param status only runs in this status, or {@code null}
 * @param workflowId only this workflow's runs, or {@code ""}
 * @param orgId only this tenant, or {@code ""} for the key's
 * @param teamId only this team, or {@code ""}
 * @param updatedAfter only runs changed at or after this time, or {@code null}
 * @param updatedBefore only runs changed at or before this time, or {@code null}
 * @param cursor where to start: the {@code next_cursor} of the page before, or {@code ""}
 */
public record RunQuery(
    int limit,
    @Nullable RunStatus status,
    String workflowId,
    String orgId,
    String teamId,
    @Nullable Instant updatedAfter,
    @Nullable Instant updatedBefore,
    String cursor) {
  /** Every run, in pages of the gateway's default size. */
  public static final RunQuery ALL = builder().build();

  /** Normalizes nulls. */
  public RunQuery {
    workflowId = Norm.s(workflowId);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
    cursor = Norm.s(cursor);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same query from another cursor. */
  public RunQuery withCursor(String v) {
    return new RunQuery(limit, status, workflowId, orgId, teamId, updatedAfter, updatedBefore, v);
  }

  /** Builds a {@link RunQuery}. */
  public static final class Builder {
    private int limit;
    private @Nullable RunStatus status;
    private String workflowId = "";
    private String orgId = "";
    private String teamId = "";
    private @Nullable Instant updatedAfter;
    private @Nullable Instant updatedBefore;
    private String cursor = "";

    private Builder() {}

    /** The page size. */
    public Builder limit(int v) {
      this.limit = v;
      return this;
    }

    /** Only runs in this status. */
    public Builder status(@Nullable RunStatus v) {
      this.status = v;
      return this;
    }

    /** Only this workflow's runs. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** Only this tenant. */
    public Builder orgId(String v) {
      this.orgId = v;
      return this;
    }

    /** Only this team. */
    public Builder teamId(String v) {
      this.teamId = v;
      return this;
    }

    /** Only runs changed at or after this time. */
    public Builder updatedAfter(@Nullable Instant v) {
      this.updatedAfter = v;
      return this;
    }

    /** Only runs changed at or before this time. */
    public Builder updatedBefore(@Nullable Instant v) {
      this.updatedBefore = v;
      return this;
    }

    /** Start at this cursor. */
    public Builder cursor(String v) {
      this.cursor = v;
      return this;
    }

    /** Builds the query. */
    public RunQuery build() {
      return new RunQuery(
          limit, status, workflowId, orgId, teamId, updatedAfter, updatedBefore, cursor);
    }
  }
}
