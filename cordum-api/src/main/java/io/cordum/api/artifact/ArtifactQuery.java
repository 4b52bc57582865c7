package io.cordum.api.artifact;

import io.cordum.api.ValidationException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which artifacts {@link ArtifactStore#list} returns: one tenant's, newest first, a page at a time.
 *
 * @param tenant the tenant whose artifacts to list
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first
 */
public record ArtifactQuery(String tenant, int limit, @Nullable String cursor) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  /** Checks the limit. */
  public ArtifactQuery {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of a tenant's artifacts, {@value #DEFAULT_LIMIT} at a time. */
  public static ArtifactQuery of(String tenant) {
    return new ArtifactQuery(tenant, DEFAULT_LIMIT, null);
  }

  /** This query with another page size. */
  public ArtifactQuery withLimit(int v) {
    return new ArtifactQuery(tenant, v, cursor);
  }

  /** This query from another cursor. */
  public ArtifactQuery withCursor(@Nullable String v) {
    return new ArtifactQuery(tenant, limit, v);
  }
}
