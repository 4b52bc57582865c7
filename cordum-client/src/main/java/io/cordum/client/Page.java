package io.cordum.client;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, and the cursor of the next ({@code null} on the last page). Cursors are
 * opaque: pass them back unchanged. To walk every page, use the listing's {@code stream} method.
 *
 * @param items the items, in the listing's order
 * @param nextCursor the next page's cursor, or {@code null}
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  /** Copies the items; a blank cursor means the last page. */
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
    nextCursor = nextCursor == null || nextCursor.isBlank() ? null : nextCursor;
  }

  /** Whether there is a next page. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
