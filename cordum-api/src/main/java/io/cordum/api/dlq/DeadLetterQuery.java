package io.cordum.api.dlq;

import io.cordum.api.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Which entries {@link DeadLetterStore#list} returns, newest first: optionally only one topic,
 * tenant or reason code, a page at a time. Filters are applied before the page is cut, so a page is
 * short only at the end of the queue.
 *
 * @param topic only this topic, or {@code ""} for any
 * @param tenant only this tenant, or {@code ""} for any
 * @param reasonCode only this reason code, or {@code ""} for any
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first
 */
public record DeadLetterQuery(
    String topic, String tenant, String reasonCode, int limit, @Nullable String cursor) {
  /** The default page size, as Cordum's. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  /** Checks the limit; null filters mean any. */
  public DeadLetterQuery {
    topic = topic == null ? "" : topic.trim();
    tenant = tenant == null ? "" : tenant.trim();
    reasonCode = reasonCode == null ? "" : reasonCode.trim();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of every entry. */
  public static DeadLetterQuery all() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this query's values. */
  public Builder toBuilder() {
    return new Builder()
        .topic(topic)
        .tenant(tenant)
        .reasonCode(reasonCode)
        .limit(limit)
        .cursor(cursor);
  }

  /** Whether an entry passes the filters. */
  public boolean matches(DeadLetterEntry e) {
    return (topic.isEmpty() || topic.equals(e.topic()))
        && (tenant.isEmpty() || tenant.equals(e.tenant()))
        && (reasonCode.isEmpty() || reasonCode.equals(e.reasonCode()));
  }

  /** Builds {@link DeadLetterQuery} values. */
  public static final class Builder {
    private String topic = "";
    private String tenant = "";
    private String reasonCode = "";
    private int limit = DEFAULT_LIMIT;
    private @Nullable String cursor;

    private Builder() {}

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

    /** Only this reason code. */
    public Builder reasonCode(String v) {
      this.reasonCode = v;
      return this;
    }

    /** The page size. */
    public Builder limit(int v) {
      this.limit = v;
      return this;
    }

    /** The cursor of the previous page. */
    public Builder cursor(@Nullable String v) {
      this.cursor = v;
      return this;
    }

    /** Builds the query. */
    public DeadLetterQuery build() {
      return new DeadLetterQuery(topic, tenant, reasonCode, limit, cursor);
    }
  }
}
