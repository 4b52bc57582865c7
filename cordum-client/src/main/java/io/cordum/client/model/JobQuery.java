package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which jobs to list ({@code GET /api/v1/jobs}), newest first. {@link #ALL} lists every job of the
 * key's tenant.
 *
 * @param limit the page size (0: the gateway's default, 50)
 * @param state only jobs in this state, or {@code null}
 * @param topic only this topic, or {@code ""}
 * @param tenant only this tenant, or {@code ""} for the key's
 * @param traceId only this trace's jobs (no paging), or {@code ""}
 * @param updatedAfter only jobs changed at or after this time, or {@code null}
 * @param updatedBefore only jobs changed at or before this time, or {@code null}
 * @param cursor where to start: the {@code next_cursor} of the page before, or {@code ""}
 */
public record JobQuery(
    int limit,
    @Nullable JobState state,
    String topic,
    String tenant,
    String traceId,
    @Nullable Instant updatedAfter,
    @Nullable Instant updatedBefore,
    String cursor) {
  /** Every job, in pages of the gateway's default size. */
  public static final JobQuery ALL = builder().build();

  /** Normalizes nulls. */
  public JobQuery {
    topic = Norm.s(topic);
    tenant = Norm.s(tenant);
    traceId = Norm.s(traceId);
    cursor = Norm.s(cursor);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same query from another cursor. */
  public JobQuery withCursor(String v) {
    return new JobQuery(limit, state, topic, tenant, traceId, updatedAfter, updatedBefore, v);
  }

  /** Builds a {@link JobQuery}. */
  public static final class Builder {
    private int limit;
    private @Nullable JobState state;
    private String topic = "";
    private String tenant = "";
    private String traceId = "";
    private @Nullable Instant updatedAfter;
    private @Nullable Instant updatedBefore;
    private String cursor = "";

    private Builder() {}

    /** The page size. */
    public Builder limit(int v) {
      this.limit = v;
      return this;
    }

    /** Only jobs in this state. */
    public Builder state(@Nullable JobState v) {
      this.state = v;
      return this;
    }

    /** Only this topic. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** Only this tenant. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** Only this trace's jobs. */
    public Builder traceId(String v) {
      this.traceId = v;
      return this;
    }

    /** Only jobs changed at or after this time. */
    public Builder updatedAfter(@Nullable Instant v) {
      this.updatedAfter = v;
      return this;
    }

    /** Only jobs changed at or before this time. */
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
    public JobQuery build() {
      return new JobQuery(
          limit, state, topic, tenant, traceId, updatedAfter, updatedBefore, cursor);
    }
  }
}
