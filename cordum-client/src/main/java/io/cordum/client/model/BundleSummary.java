package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bundle in a listing.
 *
 * @param id its id
 * @param enabled whether the kernel uses it
 * @param source {@code secops}, {@code pack} or {@code core}
 * @param author who last wrote it
 * @param message their message
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version its version
 * @param sha256 the SHA-256 of its content
 */
public record BundleSummary(
    String id,
    boolean enabled,
    String source,
    String author,
    String message,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    long version,
    String sha256) {
  /** Normalizes nulls. */
  public BundleSummary {
    id = Norm.s(id);
    source = Norm.s(source);
    author = Norm.s(author);
    message = Norm.s(message);
    sha256 = Norm.s(sha256);
  }
}
