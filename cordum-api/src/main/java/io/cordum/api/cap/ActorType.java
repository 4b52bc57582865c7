package io.cordum.api.cap;

/**
 * Who asked for a job: a human or a service. Each constant carries its CAP wire number; {@link
 * #UNRECOGNIZED} stands for a number this version does not know.
 */
public enum ActorType {
  /** Wire value 0 ({@code ACTOR_TYPE_UNSPECIFIED}). */
  UNSPECIFIED(0),
  /** Wire value 1 ({@code ACTOR_TYPE_HUMAN}). */
  HUMAN(1),
  /** Wire value 2 ({@code ACTOR_TYPE_SERVICE}). */
  SERVICE(2),
  /** A wire number this version does not know. */
  UNRECOGNIZED(-1);

  private final int number;

  ActorType(int number) {
    this.number = number;
  }

  /** The CAP wire number; {@code -1} for {@link #UNRECOGNIZED}. */
  public int number() {
    return number;
  }

  /** The protobuf enum value name, such as {@code ACTOR_TYPE_HUMAN}. */
  public String protoName() {
    return this == UNRECOGNIZED ? "UNRECOGNIZED" : "ACTOR_TYPE_" + name();
  }

  /** The constant for a wire number, or {@link #UNRECOGNIZED}. */
  public static ActorType forNumber(int number) {
    for (ActorType v : values()) {
      if (v.number == number && v != UNRECOGNIZED) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }

  /**
   * The constant for a protobuf name ({@code ACTOR_TYPE_X}) or a short name ({@code X}),
   * case-insensitive, or {@link #UNRECOGNIZED}.
   */
  public static ActorType forName(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("ACTOR_TYPE_")) {
      n = n.substring(11);
    }
    for (ActorType v : values()) {
      if (v.name().equals(n)) {
        return v;
      }
    }
    return UNRECOGNIZED;
  }
}
