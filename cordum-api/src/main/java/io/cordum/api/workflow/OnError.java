package io.cordum.api.workflow;

import java.util.Locale;
import java.util.Optional;

/** What a step's failure does to its dependents and to the run. */
public enum OnError {
  /**
   * The default: a failed, cancelled or timed-out step fails the run and blocks its dependents;
   * in-flight work of the run is cancelled.
   */
  FAIL,
  /**
   * The failure is recorded on the step, but its dependents run as if it had finished and the run
   * is not failed by it.
   */
  CONTINUE;

  /** The wire name, {@code fail} or {@code continue}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value with this wire name; blank gives {@link #FAIL}, unknown gives empty. */
  public static Optional<OnError> fromWire(String name) {
    String n = name == null ? "" : name.trim();
    if (n.isEmpty()) {
      return Optional.of(FAIL);
    }
    for (OnError o : values()) {
      if (o.wireName().equalsIgnoreCase(n)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
