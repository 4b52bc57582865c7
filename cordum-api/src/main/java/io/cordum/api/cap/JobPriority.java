package io.cordum.api.cap;

/**
 * The priority hint of a job request. The scheduler does not order by it. Each constant carries its
 * CAP wire number; {@link #UNRECOGNIZED} stands for a number this version does not know.
 */
public enum JobPriority {
  /** Wire value 0 ({@code JOB_PRIORITY_UNSPECIFIED}). */
  UNSPECIFIED(0),
  /** Wire value 1 ({@code JOB_PRIORITY_INTERACTIVE}). */
  INTERACTIVE(1),
  /** Wire value 2 ({@code JOB_PRIORITY_BATCH}). */
  BATCH(2),
  /** Wire value 3 ({@code JOB_PRIORITY_CRITICAL}). */
  CRITICAL(3),
  /** A wire number this version does not know. */
  UNRECOGNIZED(-1);

  private final int number;

  JobPriority(int number) {
    this.number = number;
  }

  /** The CAP wire number; {@code -1} for {@link #UNRECOGNIZED}. */
  public int number() {
    return number;
  }

  /** The protobuf enum value name, such as {@code JOB_PRIORITY_INTERACTIVE}. */
  public String protoName() {
    return this == UNRECOGNIZED ? "UNRECOGNIZED" : "JOB_PRIORITY_" + name();
  }

  /** The constant for a wire number, or {@link #UNRECOGNIZED}. */
  public static JobPriority forNumber(int number) {
    for (JobPriority v : values()) {
      if (v.number == number && v != UNRECOGNIZED) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }

  /**
   * The constant for a protobuf name ({@code JOB_PRIORITY_X}) or a short name ({@code X}),
   * case-insensitive, or {@link #UNRECOGNIZED}.
   */
  public static JobPriority forName(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("JOB_PRIORITY_")) {
      n = n.substring(13);
    }
    for (JobPriority v : values()) {
      if (v.name().equals(n)) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }
}
