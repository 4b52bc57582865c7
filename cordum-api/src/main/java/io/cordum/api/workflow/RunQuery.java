package io.cordum.api.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A page request on runs, newest created first (ties broken by run id, descending), optionally
 * filtered by workflow and status. The cursor is stable: later runs never shift a page.
 *
 * @param workflowId only runs of this workflow; blank for all
 * @param status only runs in this status; {@code null} for all
 * @param limit the page size (at least 1)
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
 */
public record RunQuery(String workflowId, @Nullable RunStatus status, int limit,
    @Nullable String cursor) {
  /** Clamps the limit and turns a null workflow id into blank. */
  public RunQuery {
    workflowId = JsonTrees.str(workflowId);
    limit = Math.max(1, limit);
  }

  /** All runs, {@code limit} per page. */
  public static RunQuery all(int limit) {
    return new RunQuery("", null, limit, null);
  }

  /** The runs of a workflow. */
  public static RunQuery ofWorkflow(String workflowId, int limit) {
    return new RunQuery(workflowId, null, limit, null);
  }

  /** The runs in a status. */
  public static RunQuery inStatus(RunStatus status, int limit) {
    return new RunQuery("", status, limit, null);
  }

  /** The next page after one that returned this cursor. */
  public RunQuery after(@Nullable String nextCursor) {
    return new RunQuery(workflowId, status, limit, nextCursor);
  }
}
