package io.cordum.api.policy;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named piece of policy (YAML or JSON, the kernel's policy format) with its metadata. The kernel
 * merges every enabled bundle into the live policy after the base policy, ordered by {@link
 * #priority()} (higher first), then by kind of id ({@code secops/...} before pack fragments {@code
 * <pack>/<name>} before the rest), then by id.
 *
 * @param id the bundle id, such as {@code secops/prod-guard}
 * @param content the policy text
 * @param enabled whether the kernel uses the bundle
 * @param priority orders bundles (higher first); 0 by default
 * @param author who wrote the last change
 * @param message what the last change was for
 * @param signature an Ed25519 signature of {@link #content()} (hex or base64), checked when the
 *     kernel requires signed bundles; {@code ""} for none
 * @param createdAt when the bundle was created
 * @param updatedAt when it last changed
 * @param version its revision, starting at 1, increased by every change; writers pass the version
 *     they read to detect a concurrent edit
 */
public record PolicyBundle(
    String id,
    String content,
    boolean enabled,
    int priority,
    String author,
    String message,
    String signature,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    long version) {

  /** Turns null strings into empty ones; the id is required. */
  public PolicyBundle {
    Objects.requireNonNull(id, "id");
    content = content == null ? "" : content;
    author = author == null ? "" : author;
    message = message == null ? "" : message;
    signature = signature == null ? "" : signature;
  }

  /** A builder for a bundle with the given id (enabled, priority 0, version 0). */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this bundle's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.content = content;
    b.enabled = enabled;
    b.priority = priority;
    b.author = author;
    b.message = message;
    b.signature = signature;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.version = version;
    return b;
  }

  /** Builds {@link PolicyBundle} values. */
  public static final class Builder {
    private final String id;
    private String content = "";
    private boolean enabled = true;
    private int priority;
    private String author = "";
    private String message = "";
    private String signature = "";
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private long version;

    private Builder(String id) {
      this.id = id;
    }

    /** Sets the policy text. */
    public Builder content(String v) {
      this.content = v;
      return this;
    }

    /** Sets whether the kernel uses the bundle. */
    public Builder enabled(boolean v) {
      this.enabled = v;
      return this;
    }

    /** Sets the priority (higher first). */
    public Builder priority(int v) {
      this.priority = v;
      return this;
    }

    /** Sets the author of the change. */
    public Builder author(String v) {
      this.author = v;
      return this;
    }

    /** Sets the change message. */
    public Builder message(String v) {
      this.message = v;
      return this;
    }

    /** Sets the Ed25519 signature of the content (hex or base64). */
    public Builder signature(String v) {
      this.signature = v;
      return this;
    }

    /** Sets the creation time. */
    public Builder createdAt(@Nullable Instant v) {
      this.createdAt = v;
      return this;
    }

    /** Sets the time of the last change. */
    public Builder updatedAt(@Nullable Instant v) {
      this.updatedAt = v;
      return this;
    }

    /** Sets the revision. */
    public Builder version(long v) {
      this.version = v;
      return this;
    }

    /** Builds the bundle. */
    public PolicyBundle build() {
      return new PolicyBundle(
          id, content, enabled, priority, author, message, signature, createdAt, updatedAt,
          version);
    }
  }
}
