package io.cordum.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Walks a listing page by page, fetching the next page only when the last item is used. */
final class Pages {
  private Pages() {}

  static <T> Stream<T> stream(String firstCursor, Function<String, Page<T>> fetch) {
    Iterator<T> it =
        new Iterator<>() {
          private @Nullable Iterator<T> current;
          private @Nullable String cursor = firstCursor;
          private boolean first = true;

          @Override
          public boolean hasNext() {
            while (current == null || !current.hasNext()) {
              if (!first && cursor == null) {
                return false;
              }
              Page<T> p = fetch.apply(cursor == null ? "" : cursor);
              first = false;
              cursor = p.nextCursor();
              current = p.items().iterator();
              if (!current.hasNext() && cursor == null) {
                return false;
              }
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return Objects.requireNonNull(current).next(); // hasNext() found one
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
