package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A config document to write ({@code POST /api/v1/config}): it replaces the document. With a
 * revision, the write is a compare-and-set (409 when the document changed since).
 *
 * @param scope the scope
 * @param scopeId the id in the scope ({@code default} for system)
 * @param data the content
 * @param meta metadata
 * @param revision the revision read, or {@code null} to write unconditionally
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigWrite(
    ConfigScope scope,
    String scopeId,
    Map<String, Object> data,
    Map<String, String> meta,
    @Nullable Long revision) {
  /** Normalizes nulls. */
  public ConfigWrite {
    Objects.requireNonNull(scope, "scope");
    scopeId = Norm.s(scopeId);
    data = Norm.map(data);
    meta = Norm.map(meta);
  }

  /** A builder for this document. */
  public static Builder builder(ConfigScope scope, String scopeId) {
    return new Builder(scope, scopeId);
  }

  /** Builds a {@link ConfigWrite}. */
  public static final class Builder {
    private final ConfigScope scope;
    private final String scopeId;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private @Nullable Long revision;

    private Builder(ConfigScope scope, String scopeId) {
      this.scope = Objects.requireNonNull(scope, "scope");
      this.scopeId = Objects.requireNonNull(scopeId, "scopeId");
    }

    /** Sets a top-level key. */
    public Builder put(String key, @Nullable Object value) {
      data.put(key, value);
      return this;
    }

    /** Sets the whole content. */
    public Builder data(Map<String, ?> v) {
      data.clear();
      data.putAll(v);
      return this;
    }

    /** Adds metadata. */
    public Builder meta(String key, String value) {
      meta.put(key, value);
      return this;
    }

    /** Writes only if the document is still at this revision. */
    public Builder expectRevision(long v) {
      this.revision = v;
      return this;
    }

    /** Builds the write. */
    public ConfigWrite build() {
      return new ConfigWrite(scope, scopeId, data, meta, revision);
    }
  }
}
