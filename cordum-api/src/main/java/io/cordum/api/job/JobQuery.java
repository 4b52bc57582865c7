package io.cordum.api.job;

import io.cordum.api.ValidationException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A listing of jobs: filters, an order and a page size. Every filter is pushed into the store's
 * scan, so a page is short only when no more jobs match.
 *
 * @param state only jobs in this state, or {@code null} for all
 * @param topic only jobs of this topic, or {@code null}
 * @param tenant only jobs of this tenant, or {@code null}
 * @param team only jobs of this team (env {@code team_id}), or {@code null}
 * @param updatedAfter only jobs updated at or after this time, or {@code null}
 * @param updatedBefore only jobs updated at or before this time, or {@code null}
 * @param order newest first (the default) or oldest first, by update time, then job id
 * @param limit page size, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
 */
public record JobQuery(
    @Nullable JobState state,
    @Nullable String topic,
    @Nullable String tenant,
    @Nullable String team,
    @Nullable Instant updatedAfter,
    @Nullable Instant updatedBefore,
    Order order,
    int limit,
    @Nullable String cursor) {

  /** The default page size. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  /** The order of a listing. */
  public enum Order {
    /** Most recently updated first. */
    NEWEST_FIRST,
    /** Least recently updated first. */
    OLDEST_FIRST
  }

  /** Validates the limit. */
  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    order = order == null ? Order.NEWEST_FIRST : order;
  }

  /** A builder: no filters, newest first, {@value #DEFAULT_LIMIT} per page. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    return new Builder()
        .state(state)
        .topic(topic)
        .tenant(tenant)
        .team(team)
        .updatedAfter(updatedAfter)
        .updatedBefore(updatedBefore)
        .order(order)
        .limit(limit)
        .cursor(cursor);
  }

  /** Builds {@link JobQuery} values. */
  public static final class Builder {
    private @Nullable JobState state;
    private @Nullable String topic;
    private @Nullable String tenant;
    private @Nullable String team;
    private @Nullable Instant updatedAfter;
    private @Nullable Instant updatedBefore;
    private Order order = Order.NEWEST_FIRST;
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    private Builder() {}

    /** Only jobs in this state. */
    public Builder state(@Nullable JobState v) {
      this.state = v;
      return this;
    }

    /** Only jobs of this topic. */
    public Builder topic(@Nullable String v) {
      this.topic = v;
      return this;
    }

    /** Only jobs of this tenant. */
    public Builder tenant(@Nullable String v) {
      this.tenant = v;
      return this;
    }

    /**
     * Only jobs of this team (env {@code team_id}). Teams have no index of their own: the filter is
     * checked on each record of the narrowest other index the query uses.
     */
    public Builder team(@Nullable String v) {
      this.team = v;
      return this;
    }

    /** Only jobs updated at or after this time. */
    public Builder updatedAfter(@Nullable Instant v) {
      this.updatedAfter = v;
      return this;
    }

    /** Only jobs updated at or before this time. */
    public Builder updatedBefore(@Nullable Instant v) {
      this.updatedBefore = v;
      return this;
    }

    /** The order. */
    public Builder order(Order v) {
      this.order = v;
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
    public JobQuery build() {
      return new JobQuery(
          state, topic, tenant, team, updatedAfter, updatedBefore, order, limit, cursor);
    }
  }
}
