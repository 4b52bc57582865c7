package io.cordum.api.cap;

/**
 * The status of a job as reported on the wire (job results, progress, DLQ records). Cordum's alias
 * COMPLETED is SUCCEEDED (5). Each constant carries its CAP wire number; {@link #UNRECOGNIZED}
 * stands for a number this version does not know.
 */
public enum JobStatus {
  /** Wire value 0 ({@code JOB_STATUS_UNSPECIFIED}). */
  UNSPECIFIED(0),
  /** Wire value 1 ({@code JOB_STATUS_PENDING}). */
  PENDING(1),
  /** Wire value 2 ({@code JOB_STATUS_SCHEDULED}). */
  SCHEDULED(2),
  /** Wire value 3 ({@code JOB_STATUS_DISPATCHED}). */
  DISPATCHED(3),
  /** Wire value 4 ({@code JOB_STATUS_RUNNING}). */
  RUNNING(4),
  /** Wire value 5 ({@code JOB_STATUS_SUCCEEDED}). */
  SUCCEEDED(5),
  /** Wire value 6 ({@code JOB_STATUS_FAILED}). */
  FAILED(6),
  /** Wire value 7 ({@code JOB_STATUS_CANCELLED}). */
  CANCELLED(7),
  /** Wire value 8 ({@code JOB_STATUS_DENIED}). */
  DENIED(8),
  /** Wire value 9 ({@code JOB_STATUS_TIMEOUT}). */
  TIMEOUT(9),
  /** A wire number this version does not know. */
  UNRECOGNIZED(-1);

  private final int number;

  JobStatus(int number) {
    this.number = number;
  }

  /** Whether this status ends a job: SUCCEEDED, FAILED, CANCELLED, DENIED or TIMEOUT. */
  public boolean isTerminal() {
    return this == SUCCEEDED
        || this == FAILED
        || this == CANCELLED
        || this == DENIED
        || this == TIMEOUT;
  }

  /** The CAP wire number; {@code -1} for {@link #UNRECOGNIZED}. */
  public int number() {
    return number;
  }

  /** The protobuf enum value name, such as {@code JOB_STATUS_PENDING}. */
  public String protoName() {
    return this == UNRECOGNIZED ? "UNRECOGNIZED" : "JOB_STATUS_" + name();
  }

  /** The constant for a wire number, or {@link #UNRECOGNIZED}. */
  public static JobStatus forNumber(int number) {
    for (JobStatus v : values()) {
      if (v.number == number && v != UNRECOGNIZED) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }

  /**
   * The constant for a protobuf name ({@code JOB_STATUS_X}) or a short name ({@code X}),
   * case-insensitive, or {@link #UNRECOGNIZED}.
   */
  public static JobStatus forName(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("JOB_STATUS_")) {
      n = n.substring(11);
    }
    for (JobStatus v : values()) {
      if (v.name().equals(n)) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }
}
