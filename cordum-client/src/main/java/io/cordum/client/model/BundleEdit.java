package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bundle to write ({@code PUT /api/v1/policy/bundles/{id}}); the content is validated before it
 * is stored.
 *
 * @param content its YAML (required)
 * @param enabled whether the kernel uses it (default: true)
 * @param priority its order among bundles (default: kept)
 * @param author the author recorded with it (default: the key's principal)
 * @param message a message
 * @param version the version read, for compare-and-set (409 when it changed), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleEdit(
    String content,
    @Nullable Boolean enabled,
    @Nullable Integer priority,
    @Nullable String author,
    @Nullable String message,
    @Nullable Long version) {
  /** Checks the content. */
  public BundleEdit {
    Objects.requireNonNull(content, "content");
  }

  /** An enabled bundle with this content. */
  public static BundleEdit of(String content) {
    return new BundleEdit(content, null, null, null, null, null);
  }

  /** The same edit with a message. */
  public BundleEdit withMessage(String v) {
    return new BundleEdit(content, enabled, priority, author, v, version);
  }

  /** The same edit, enabled or not. */
  public BundleEdit withEnabled(boolean v) {
    return new BundleEdit(content, v, priority, author, message, version);
  }

  /** The same edit as a compare-and-set on this version. */
  public BundleEdit withVersion(long v) {
    return new BundleEdit(content, enabled, priority, author, message, v);
  }
}
