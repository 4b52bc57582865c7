package io.cordum.api.cap;

/**
 * A safety decision on the wire. REQUIRE_HUMAN is what policy files and the scheduler call
 * require-approval. Each constant carries its CAP wire number; {@link #UNRECOGNIZED} stands for a
 * number this version does not know.
 */
public enum DecisionType {
  /** Wire value 0 ({@code DECISION_TYPE_UNSPECIFIED}). */
  UNSPECIFIED(0),
  /** Wire value 1 ({@code DECISION_TYPE_ALLOW}). */
  ALLOW(1),
  /** Wire value 2 ({@code DECISION_TYPE_DENY}). */
  DENY(2),
  /** Wire value 3 ({@code DECISION_TYPE_REQUIRE_HUMAN}). */
  REQUIRE_HUMAN(3),
  /** Wire value 4 ({@code DECISION_TYPE_THROTTLE}). */
  THROTTLE(4),
  /** Wire value 5 ({@code DECISION_TYPE_ALLOW_WITH_CONSTRAINTS}). */
  ALLOW_WITH_CONSTRAINTS(5),
  /** A wire number this version does not know. */
  UNRECOGNIZED(-1);

  private final int number;

  DecisionType(int number) {
    this.number = number;
  }

  /** The CAP wire number; {@code -1} for {@link #UNRECOGNIZED}. */
  public int number() {
    return number;
  }

  /** The protobuf enum value name, such as {@code DECISION_TYPE_ALLOW}. */
  public String protoName() {
    return this == UNRECOGNIZED ? "UNRECOGNIZED" : "DECISION_TYPE_" + name();
  }

  /** The constant for a wire number, or {@link #UNRECOGNIZED}. */
  public static DecisionType forNumber(int number) {
    for (DecisionType v : values()) {
      if (v.number == number && v != UNRECOGNIZED) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }

  /**
   * The constant for a protobuf name ({@code DECISION_TYPE_X}) or a short name ({@code X}),
   * case-insensitive, or {@link #UNRECOGNIZED}.
   */
  public static DecisionType forName(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("DECISION_TYPE_")) {
      n = n.substring(14);
    }
    for (DecisionType v : values()) {
      if (v.name().equals(n)) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }
}
