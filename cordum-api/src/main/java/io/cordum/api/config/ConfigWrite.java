package io.cordum.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A write of one config document: what {@link ConfigService#set(ConfigWrite)} takes.
 *
 * <pre>{@code
 * config.set(ConfigWrite.builder(ConfigScope.ORG, "acme")
 *     .data(Map.of("limits", Map.of("max_concurrent_runs", 5)))
 *     .expectedRevision(doc.revision())   // optional: compare-and-set
 *     .build());
 * }</pre>
 *
 * @param key the document
 * @param data the new data (replaces the old data entirely)
 * @param meta labels
 * @param expectedRevision the revision the write expects to replace: the one last read, {@link
 *     ConfigStore#ABSENT} to create, {@link ConfigStore#ANY_REVISION} (the default) for an
 *     unconditional write
 */
public record ConfigWrite(
    ConfigKey key, Map<String, Object> data, Map<String, String> meta, long expectedRevision) {

  /** Checks for nulls and copies the labels; the data is copied when it is canonicalised. */
  public ConfigWrite {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    meta = Map.copyOf(meta);
  }

  /** A builder for a document. */
  public static Builder builder(ConfigScope scope, String scopeId) {
    return new Builder(ConfigKey.of(scope, scopeId));
  }

  /** A builder for a document. */
  public static Builder builder(ConfigKey key) {
    return new Builder(key);
  }

  /** Builds {@link ConfigWrite}s. */
  public static final class Builder {
    private final ConfigKey key;
    private Map<String, Object> data = Map.of();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private long expectedRevision = ConfigStore.ANY_REVISION;

    private Builder(ConfigKey key) {
      this.key = key;
    }

    /** The data (default: empty). */
    public Builder data(Map<String, ?> v) {
      this.data = new LinkedHashMap<>(v);
      return this;
    }

    /** Adds a label. */
    public Builder meta(String name, String value) {
      meta.put(name, value);
      return this;
    }

    /** Compare-and-set on this revision (default: unconditional). */
    public Builder expectedRevision(long v) {
      this.expectedRevision = v;
      return this;
    }

    /** Builds the write. */
    public ConfigWrite build() {
      return new ConfigWrite(key, data, meta, expectedRevision);
    }
  }
}
