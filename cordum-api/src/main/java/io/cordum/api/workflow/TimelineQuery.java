package io.cordum.api.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A page request on a run's timeline: from either end, with a cursor from a previous page.
 *
 * @param newestFirst whether to read from the newest event backwards (so a long run's latest events
 *     come first)
 * @param limit the page size (at least 1)
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
 */
public record TimelineQuery(boolean newestFirst, int limit, @Nullable String cursor) {
  /** Clamps the limit to at least 1. */
  public TimelineQuery {
    limit = Math.max(1, limit);
  }

  /** The first page of the newest events, newest first. */
  public static TimelineQuery newest(int limit) {
    return new TimelineQuery(true, limit, null);
  }

  /** The first page of the oldest events, oldest first. */
  public static TimelineQuery oldest(int limit) {
    return new TimelineQuery(false, limit, null);
  }

  /** The next page after one that returned this cursor. */
  public TimelineQuery after(@Nullable String nextCursor) {
    return new TimelineQuery(newestFirst, limit, nextCursor);
  }
}
