package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The levels of the config hierarchy, widest first; narrower levels override wider ones. */
public enum ConfigScope {
  /** The whole control plane ({@code scope_id} {@code default}, or a named document). */
  @JsonProperty("system")
  SYSTEM,
  /** A tenant. */
  @JsonProperty("org")
  ORG,
  /** A team. */
  @JsonProperty("team")
  TEAM,
  /** A workflow. */
  @JsonProperty("workflow")
  WORKFLOW,
  /** A workflow step. */
  @JsonProperty("step")
  STEP;

  /** The wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name (any case). */
  public static ConfigScope parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "scope must be system, org, team, workflow or step, was " + s, e);
    }
  }
}
