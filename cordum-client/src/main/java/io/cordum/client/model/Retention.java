package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How long an artifact is kept (the gateway's defaults: 24 h, 7 d, 30 d). */
public enum Retention {
  /** A day. */
  @JsonProperty("short")
  SHORT,
  /** A week (the default). */
  @JsonProperty("standard")
  STANDARD,
  /** A month, for audit. */
  @JsonProperty("audit")
  AUDIT;

  /** The wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
