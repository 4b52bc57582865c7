package io.cordum.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Polls a read until a condition holds, with growing intervals. */
final class Waits {
  private Waits() {}

  static <T> T until(
      Transport t,
      Duration timeout,
      String what,
      Supplier<T> read,
      Predicate<T> done,
      Function<T, Object> stateOf,
      @Nullable Consumer<T> onChange) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = Duration.ofMillis(50);
    Object last = null;
    while (true) {
      T v = read.get();
      Object state = stateOf.apply(v);
      if (onChange != null && !Objects.equals(state, last)) {
        onChange.accept(v);
      }
      last = state;
      if (done.test(v)) {
        return v;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TransportException(
            what + " has not ended within " + timeout + " (last state " + state + ")",
            "",
            "GET",
            what,
            true,
            null);
      }
      try {
        t.sleeper.sleep(Duration.ofNanos(Math.min(left, pause.toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            "interrupted while waiting for " + what, "", "GET", what, false, e);
      }
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0
              ? Duration.ofSeconds(1)
              : pause.multipliedBy(2);
    }
  }
}
