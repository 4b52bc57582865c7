package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A registered JSON schema ({@code GET /api/v1/schemas/{id}}).
 *
 * @param id its id (may contain {@code /})
 * @param schema the schema document
 * @param revision its revision
 * @param registeredAt when it was registered
 */
public record SchemaEntry(
    String id, @Nullable Object schema, long revision, @Nullable Instant registeredAt) {
  /** Normalizes nulls. */
  public SchemaEntry {
    id = Norm.s(id);
  }
}
