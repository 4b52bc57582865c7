package io.cordum.api.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * One registered JSON schema, as a {@link SchemaStore} keeps it.
 *
 * @param id the schema id (may hold {@code /}, such as {@code <pack>/<name>})
 * @param body the schema, JSON text
 * @param revision 1 when first registered, then one more on every re-registration
 * @param registeredAt when it was last registered, by the store's clock, to the microsecond
 */
public record SchemaEntry(String id, String body, long revision, Instant registeredAt) {
  /** Checks for nulls. */
  public SchemaEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
