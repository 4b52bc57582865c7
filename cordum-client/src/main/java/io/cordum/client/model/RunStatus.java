package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The status of a workflow run (lower case on the wire, such as {@code timed_out}). */
public enum RunStatus {
  /** Created, not started. */
  @JsonProperty("pending")
  PENDING,
  /** Steps are running. */
  @JsonProperty("running")
  RUNNING,
  /** Waiting for an approval or a timer. */
  @JsonProperty("waiting")
  WAITING,
  /** Ended well. */
  @JsonProperty("succeeded")
  SUCCEEDED,
  /** A step failed. */
  @JsonProperty("failed")
  FAILED,
  /** Cancelled. */
  @JsonProperty("cancelled")
  CANCELLED,
  /** Did not end in time. */
  @JsonProperty("timed_out")
  TIMED_OUT,
  /** A status this client does not know (sent by a newer gateway). */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN;

  /** Whether the run has ended. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
  }

  /** The wire name, such as {@code timed_out}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
