package io.cordum.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One config document ({@code GET /api/v1/config}).
 *
 * @param scope its scope
 * @param scopeId its id in the scope
 * @param data its content
 * @param revision its revision (pass it to a write for compare-and-set)
 * @param updatedAt when it last changed
 * @param meta its metadata
 * @param hash the SHA-256 of its content
 */
public record ConfigDocument(
    String scope,
    String scopeId,
    Map<String, Object> data,
    long revision,
    @Nullable Instant updatedAt,
    Map<String, String> meta,
    String hash) {
  /** Normalizes nulls. */
  public ConfigDocument {
    scope = Norm.s(scope);
    scopeId = Norm.s(scopeId);
    data = Norm.map(data);
    meta = Norm.map(meta);
    hash = Norm.s(hash);
  }
}
