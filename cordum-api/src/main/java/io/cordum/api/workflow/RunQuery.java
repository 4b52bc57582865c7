package io.cordum.api.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A page request on runs, newest created first (ties broken by run id, descending), optionally
 * filtered by workflow, status, tenant, team and last-update time. Every filter is applied during
 * the store's scan, so a page is short only when no more runs match. The cursor is stable: runs
 * created later never shift a page, and no run is skipped or repeated.
 *
 * @param workflowId only runs of this workflow; blank for all
 * @param status only runs in this status; {@code null} for all
 * @param tenant only runs of this tenant ({@code org_id}); blank for all
 * @param team only runs of this team; blank for all
 * @param updatedAfter only runs last written at or after this time; {@code null} for no bound
 * @param updatedBefore only runs last written at or before this time; {@code null} for no bound
 * @param limit the page size, 1 to {@value #MAX_LIMIT} (clamped)
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
 */
public record RunQuery(
    String workflowId,
    @Nullable RunStatus status,
    String tenant,
    String team,
    @Nullable Instant updatedAfter,
    @Nullable Instant updatedBefore,
    int limit,
    @Nullable String cursor) {
  /** The largest page size; larger limits are clamped to it. */
  public static final int MAX_LIMIT = 1000;

  /** Clamps the limit into 1..{@value #MAX_LIMIT} and turns null strings into blank. */
  public RunQuery {
    workflowId = JsonTrees.str(workflowId);
    tenant = JsonTrees.str(tenant);
    team = JsonTrees.str(team);
    limit = Math.min(MAX_LIMIT, Math.max(1, limit));
  }

  /** A query of the given workflow and status (the filters of the first versions). */
  public RunQuery(
      String workflowId, @Nullable RunStatus status, int limit, @Nullable String cursor) {
    this(workflowId, status, "", "", null, null, limit, cursor);
  }

  /** All runs, {@code limit} per page. */
  public static RunQuery all(int limit) {
    return builder().limit(limit).build();
  }

  /** The runs of a workflow. */
  public static RunQuery ofWorkflow(String workflowId, int limit) {
    return builder().workflowId(workflowId).limit(limit).build();
  }

  /** The runs in a status. */
  public static RunQuery inStatus(RunStatus status, int limit) {
    return builder().status(status).limit(limit).build();
  }

  /** A builder: no filters, 50 per page. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    return new Builder()
        .workflowId(workflowId)
        .status(status)
        .tenant(tenant)
        .team(team)
        .updatedAfter(updatedAfter)
        .updatedBefore(updatedBefore)
        .limit(limit)
        .cursor(cursor);
  }

  /** The next page after one that returned this cursor. */
  public RunQuery after(@Nullable String nextCursor) {
    return toBuilder().cursor(nextCursor).build();
  }

  /** Whether a run passes every filter but the cursor. */
  public boolean matches(WorkflowRun r) {
    if (!workflowId.isEmpty() && !workflowId.equals(r.workflowId())) {
      return false;
    }
    if (status != null && r.status() != status) {
      return false;
    }
    if (!tenant.isEmpty() && !tenant.equals(r.tenant())) {
      return false;
    }
    if (!team.isEmpty() && !team.equals(r.team())) {
      return false;
    }
    Instant at = r.updatedAt() != null ? r.updatedAt() : r.createdAt();
    if (updatedAfter != null && (at == null || at.isBefore(updatedAfter))) {
      return false;
    }
    return updatedBefore == null || (at != null && !at.isAfter(updatedBefore));
  }

  /** Builds {@link RunQuery} values. */
  public static final class Builder {
    private String workflowId = "";
    private @Nullable RunStatus status;
    private String tenant = "";
    private String team = "";
    private @Nullable Instant updatedAfter;
    private @Nullable Instant updatedBefore;
    private int limit = 50;
    private @Nullable String cursor;

    private Builder() {}

    /** Only runs of this workflow (blank: all). */
    public Builder workflowId(@Nullable String v) {
      this.workflowId = v == null ? "" : v;
      return this;
    }

    /** Only runs in this status ({@code null}: all). */
    public Builder status(@Nullable RunStatus v) {
      this.status = v;
      return this;
    }

    /** Only runs of this tenant (blank: all). */
    public Builder tenant(@Nullable String v) {
      this.tenant = v == null ? "" : v;
      return this;
    }

    /** Only runs of this team (blank: all). */
    public Builder team(@Nullable String v) {
      this.team = v == null ? "" : v;
      return this;
    }

    /** Only runs last written at or after this time. */
    public Builder updatedAfter(@Nullable Instant v) {
      this.updatedAfter = v;
      return this;
    }

    /** Only runs last written at or before this time. */
    public Builder updatedBefore(@Nullable Instant v) {
      this.updatedBefore = v;
      return this;
    }

    /** The page size. */
    public Builder limit(int v) {
      this.limit = v;
      return this;
    }

    /** Continue after the page that returned this cursor. */
    public Builder cursor(@Nullable String v) {
      this.cursor = v;
      return this;
    }

    /** Builds the query. */
    public RunQuery build() {
      return new RunQuery(
          workflowId, status, tenant, team, updatedAfter, updatedBefore, limit, cursor);
    }
  }
}
