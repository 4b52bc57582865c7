package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** The state of a job, as the gateway names it. */
public enum JobState {
  /** Submitted, waiting for the scheduler. */
  PENDING,
  /** Held by the safety kernel until a human approves or rejects it. */
  APPROVAL_REQUIRED,
  /** Placed on a pool, not yet handed to a worker. */
  SCHEDULED,
  /** Sent to a worker. */
  DISPATCHED,
  /** A worker runs it. */
  RUNNING,
  /** Ended well. */
  SUCCEEDED,
  /** Ended with an error (see the reason code). */
  FAILED,
  /** Cancelled. */
  CANCELLED,
  /** Did not end in time. */
  TIMEOUT,
  /** Refused by the safety kernel or a human. */
  DENIED,
  /** A state this client does not know (sent by a newer gateway). */
  @JsonEnumDefaultValue
  UNKNOWN;

  /** Whether the job has ended (it changes no more). */
  public boolean isTerminal() {
    return switch (this) {
      case SUCCEEDED, FAILED, CANCELLED, TIMEOUT, DENIED -> true;
      default -> false;
    };
  }
}
