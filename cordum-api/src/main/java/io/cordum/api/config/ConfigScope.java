package io.cordum.api.config;

import io.cordum.api.ValidationException;
import java.util.Locale;

/**
 * The levels of the hierarchical configuration, from the widest to the narrowest. The effective
 * configuration of a job merges them in this order, so a narrower scope overrides a wider one
 * (within the rules of the merge; see {@code docs/architecture.md}).
 */
public enum ConfigScope {
  /** The whole control plane; its one document has the id {@value ConfigKey#SYSTEM_ID}. */
  SYSTEM,
  /** An organisation (a tenant). */
  ORG,
  /** A team. */
  TEAM,
  /** A workflow. */
  WORKFLOW,
  /** A step of a workflow. */
  STEP;

  /** The name used in keys and over the wire: {@code system}, {@code org}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope of a wire name, case-insensitive and trimmed. An unknown scope is rejected: a
   * misspelt scope would otherwise store a document no lookup ever reads.
   *
   * @throws ValidationException naming {@code scope} if the name is blank or unknown
   */
  public static ConfigScope parse(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.isEmpty()) {
      throw new ValidationException("scope", "is required");
    }
    for (ConfigScope s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    throw new ValidationException(
        "scope", "must be one of system, org, team, workflow, step; was \"" + name + "\"");
  }
}
