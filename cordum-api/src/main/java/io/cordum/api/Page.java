package io.cordum.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param items the items of this page, in the listing's order
 * @param nextCursor pass it back to get the next page; {@code null} when there are no more items
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /** Whether another page may follow. */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
