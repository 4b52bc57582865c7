package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A policy bundle: YAML rules the safety kernel adds to its base policy.
 *
 * @param id its id ({@code secops/...} for bundles edited over the API)
 * @param content its YAML
 * @param enabled whether the kernel uses it
 * @param priority its order among bundles
 * @param author who last wrote it
 * @param message their message
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version its version (pass it back to a write for compare-and-set)
 */
public record PolicyBundle(
    String id,
    String content,
    boolean enabled,
    int priority,
    String author,
    String message,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    long version) {
  /** Normalizes nulls. */
  public PolicyBundle {
    id = Norm.s(id);
    content = Norm.s(content);
    author = Norm.s(author);
    message = Norm.s(message);
  }
}
