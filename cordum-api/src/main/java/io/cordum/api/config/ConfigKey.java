package io.cordum.api.config;

import io.cordum.api.ValidationException;
import java.util.Objects;

/**
 * The address of one config document: a scope and an id within it. The system scope has a single
 * document; its id is always {@value #SYSTEM_ID} (a blank id is taken to mean it). Every other
 * scope needs a non-blank id. Ids are trimmed.
 *
 * @param scope the scope
 * @param scopeId the id within the scope
 */
public record ConfigKey(ConfigScope scope, String scopeId) {
  /** The id of the system document. */
  public static final String SYSTEM_ID = "default";

  /**
   * Normalises the id.
   *
   * @throws ValidationException naming {@code scope_id} if a non-system scope has a blank id
   */
  public ConfigKey {
    Objects.requireNonNull(scope, "scope");
    scopeId = scopeId == null ? "" : scopeId.trim();
    if (scope == ConfigScope.SYSTEM && scopeId.isEmpty()) {
      scopeId = SYSTEM_ID;
    }
    if (scopeId.isEmpty()) {
      throw new ValidationException("scope_id", "is required for scope " + scope.wireName());
    }
  }

  /** The key of a document. */
  public static ConfigKey of(ConfigScope scope, String scopeId) {
    return new ConfigKey(scope, scopeId);
  }

  /** The key of the system document. */
  public static ConfigKey system() {
    return new ConfigKey(ConfigScope.SYSTEM, SYSTEM_ID);
  }

  /** {@code cfg:<scope>:<id>}, as Cordum names the document. */
  @Override
  public String toString() {
    return "cfg:" + scope.wireName() + ":" + scopeId;
  }
}
