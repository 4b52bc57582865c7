package io.cordum.api.workflow;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The unmodifiable maps and lists that {@link JsonTrees} and the workflow records build. Their type
 * says what they already hold, so that copying a record (each builder and each {@code toBuilder}
 * goes through the canonical constructor) keeps them instead of copying them deep again.
 */
final class Frozen {
  private Frozen() {}

  /** What a frozen map is known to hold. */
  enum Kind {
    /** Frozen JSON values ({@link JsonTrees#freeze}). */
    JSON,
    /** Non-null strings ({@link JsonTrees#strings}). */
    STRINGS,
    /** Step states by key. */
    STEPS
  }

  /** An insertion-ordered map no one can change, tagged with what it holds. */
  static final class FrozenMap<V> extends AbstractMap<String, V> {
    private final Map<String, V> view;
    final Kind kind;

    /** Takes {@code owned}, which no one else may hold. */
    FrozenMap(LinkedHashMap<String, V> owned, Kind kind) {
      this.view = Collections.unmodifiableMap(owned);
      this.kind = kind;
    }

    static boolean is(@Nullable Map<?, ?> m, Kind kind) {
      return m instanceof FrozenMap<?> f && f.kind == kind;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
      return view.entrySet();
    }

    @Override
    public Set<String> keySet() {
      return view.keySet();
    }

    @Override
    public Collection<V> values() {
      return view.values();
    }

    @Override
    public int size() {
      return view.size();
    }

    @Override
    public boolean isEmpty() {
      return view.isEmpty();
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return view.containsKey(key);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
      view.forEach(action);
    }
  }

  /** A list of frozen JSON values no one can change. */
  static final class FrozenList extends AbstractList<@Nullable Object> implements RandomAccess {
    private final List<@Nullable Object> items;

    /** Takes {@code owned}, which no one else may hold. */
    FrozenList(List<@Nullable Object> owned) {
      this.items = owned;
    }

    @Override
    public @Nullable Object get(int index) {
      return items.get(index);
    }

    @Override
    public int size() {
      return items.size();
    }
  }
}
