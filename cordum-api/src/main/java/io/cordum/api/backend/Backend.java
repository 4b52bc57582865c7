package io.cordum.api.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An opened backend: the instances it made, by the SPI type each implements (such as {@code
 * JobStore}), and what to close when the control plane closes. Closing closes every instance that
 * is {@link AutoCloseable}, in the order they were added, then the shared resources ({@link
 * Builder#onClose}), such as a connection pool.
 */
public final class Backend implements AutoCloseable {
  private final String name;
  private final Map<Class<?>, Object> components;
  private final List<AutoCloseable> closers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Backend(String name, Map<Class<?>, Object> components, List<AutoCloseable> closers) {
    this.name = name;
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    this.closers = List.copyOf(closers);
  }

  /** A builder for a backend with the given name (such as {@code redis}). */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /** The backend's name. */
  public String name() {
    return name;
  }

  /** The SPI types this backend provides. */
  public Set<Class<?>> types() {
    return components.keySet();
  }

  /** The instance for an SPI type, if this backend provides one. */
  public <T> Optional<T> get(Class<T> type) {
    return Optional.ofNullable(type.cast(components.get(type)));
  }

  /**
   * Closes every closeable instance, then the shared resources; failures are collected and the
   * first is thrown after everything was tried. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException first = null;
    List<AutoCloseable> all = new ArrayList<>();
    components
        .values()
        .forEach(
            c -> {
              if (c instanceof AutoCloseable a && !all.contains(a)) {
                all.add(a);
              }
            });
    all.addAll(closers);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first =
              e instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("closing backend " + name + " failed", e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Builds a {@link Backend}. */
  public static final class Builder {
    private final String name;
    private final Map<Class<?>, Object> components = new LinkedHashMap<>();
    private final List<AutoCloseable> closers = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Adds the instance that implements an SPI type. */
    public <T> Builder add(Class<T> type, T instance) {
      Objects.requireNonNull(type, "type");
      components.put(type, type.cast(Objects.requireNonNull(instance, "instance")));
      return this;
    }

    /** A shared resource closed after every instance (such as a connection pool). */
    public Builder onClose(AutoCloseable resource) {
      closers.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /** The backend. */
    public Backend build() {
      return new Backend(name, components, closers);
    }
  }
}
