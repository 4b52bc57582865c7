package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a lock is held. */
public enum LockMode {
  /** Many owners at once. */
  @JsonProperty("shared")
  SHARED,
  /** One owner. */
  @JsonProperty("exclusive")
  EXCLUSIVE;

  /** The wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
