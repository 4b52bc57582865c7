package io.cordum.client;

import io.cordum.client.model.ApprovalItem;
import io.cordum.client.model.SubmittedJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Jobs the safety kernel holds for a human ({@code /api/v1/approvals}). Approval steps of workflow
 * runs are approved through {@link RunsApi#approveStep}.
 */
public final class ApprovalsApi {
  private final Transport t;
  private final JavaType pageType;

  ApprovalsApi(Transport t) {
    this.t = t;
    this.pageType = t.json.getTypeFactory().constructParametricType(Page.class, ApprovalItem.class);
  }

  /** One page of waiting jobs, oldest first ({@code limit} 0: the default, 100). */
  public Page<ApprovalItem> list(int limit, @Nullable String cursor) {
    return t.req("GET", "/api/v1/approvals")
        .query("limit", limit)
        .query("cursor", cursor)
        .fetch(pageType);
  }

  /** Every waiting job, oldest first, fetched page by page. */
  public Stream<ApprovalItem> stream(int pageSize) {
    return Pages.stream("", c -> list(pageSize, c));
  }

  /**
   * Approves a held job: it is submitted again, bound to the policy snapshot and request hash it
   * was held under; the approver is the key's principal.
   *
   * @param reason why, or {@code null}
   * @param note a note, or {@code null}
   * @throws ConflictException when the job does not wait for approval (any more), or its request or
   *     the policy changed since it was held
   */
  public SubmittedJob approve(String jobId, @Nullable String reason, @Nullable String note) {
    return t.req("POST", PathSegments.of("/api/v1/approvals", jobId, "/approve"))
        .json(body(reason, note))
        .fetch(SubmittedJob.class);
  }

  /**
   * Rejects a held job: it ends {@code DENIED} and is dead-lettered.
   *
   * @throws ConflictException when the job does not wait for approval (any more)
   */
  public void reject(String jobId, @Nullable String reason, @Nullable String note) {
    t.req("POST", PathSegments.of("/api/v1/approvals", jobId, "/reject"))
        .json(body(reason, note))
        .execute();
  }

  private static Map<String, String> body(@Nullable String reason, @Nullable String note) {
    Map<String, String> m = new LinkedHashMap<>();
    if (reason != null && !reason.isBlank()) {
      m.put("reason", reason);
    }
    if (note != null && !note.isBlank()) {
      m.put("note", note);
    }
    return m;
  }
}
