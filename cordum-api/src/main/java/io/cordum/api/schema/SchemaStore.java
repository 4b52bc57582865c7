package io.cordum.api.schema;

import java.util.List;
import java.util.Optional;

/**
 * Where registered JSON schemas live, by id. The store keeps the text; compiling and validating is
 * the schema registry's job (cordum-core), which checks a schema before it stores it. Every schema
 * stays listed for as long as it is stored: a listing that is trimmed would hide schemas that are
 * still stored and used.
 *
 * <p>Implementations: {@code InMemorySchemaStore} (cordum-memory), {@code RedisSchemaStore}
 * (cordum-redis); both pass {@code SchemaStoreContract} (cordum-testkit).
 */
public interface SchemaStore {

  /**
   * Stores a schema, replacing any with the same id; the body and the listing change together.
   *
   * @return the stored entry: revision one more than the replaced one's (1 if new), registered now
   * @throws io.cordum.api.ValidationException if the id or the body is blank
   */
  SchemaEntry put(String id, String body);

  /** The schema, if registered. */
  Optional<SchemaEntry> get(String id);

  /** Removes a schema and its listing entry; {@code false} if there was none. Idempotent. */
  boolean delete(String id);

  /**
   * Ids, the most recently registered first (ids registered in the same microsecond: in reverse
   * lexicographic order).
   *
   * @param limit at most this many, at least 1
   * @throws io.cordum.api.ValidationException if {@code limit < 1}
   */
  List<String> list(int limit);
}
