package io.cordum.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.policy.CircuitBreakerSettings;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler-side circuit breaker (Cordum's safety client behaviour). */
class CircuitBreakerSafetyGateTest {
  final ManualClock clock = new ManualClock();
  final AtomicBoolean down = new AtomicBoolean();
  final AtomicInteger calls = new AtomicInteger();
  final CircuitBreakerSafetyGate gate =
      new CircuitBreakerSafetyGate(
          r -> {
            calls.incrementAndGet();
            if (down.get()) {
              throw new IllegalStateException("kernel down");
            }
            return SafetyDecisionRecord.of(SafetyDecision.ALLOW, "", Instant.EPOCH);
          },
          clock,
          CircuitBreakerSettings.DEFAULT);
  final JobRequest req = JobRequest.builder().jobId("j").topic("job.x").build();

  @Test
  void threeFailuresOpenTheCircuitAndTheFourthCallFailsFast() {
    down.set(true);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> gate.check(req))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("safety kernel error");
    }
    assertThatThrownBy(() -> gate.check(req))
        .isInstanceOf(BackendException.class)
        .hasMessage("safety kernel circuit open");
    assertThat(calls).hasValue(3);
    assertThat(gate.state()).isEqualTo(CircuitBreakerSafetyGate.State.OPEN);
  }

  @Test
  void halfOpenClosesAfterTwoSuccessfulProbes() {
    down.set(true);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> gate.check(req)).isInstanceOf(BackendException.class);
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(gate.state()).isEqualTo(CircuitBreakerSafetyGate.State.HALF_OPEN);
    down.set(false);
    gate.check(req);
    gate.check(req);
    assertThat(gate.state()).isEqualTo(CircuitBreakerSafetyGate.State.CLOSED);
    down.set(true);
    assertThatThrownBy(() -> gate.check(req)).hasMessageContaining("kernel error");
    assertThat(gate.state()).isEqualTo(CircuitBreakerSafetyGate.State.CLOSED);
  }

  @Test
  void aFailedProbeReopensAndProbesAreBudgeted() {
    down.set(true);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> gate.check(req)).isInstanceOf(BackendException.class);
    }
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> gate.check(req)).hasMessageContaining("kernel error");
    assertThat(gate.state()).isEqualTo(CircuitBreakerSafetyGate.State.OPEN);
    clock.advance(Duration.ofSeconds(30));
    down.set(false);
    CircuitBreakerSafetyGate slow =
        new CircuitBreakerSafetyGate(
            r -> {
              throw new BackendException("down", null);
            },
            clock,
            new CircuitBreakerSettings(1, Duration.ofSeconds(1), 1, 1));
    assertThatThrownBy(() -> slow.check(req)).hasMessage("down");
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> slow.check(req)).hasMessage("down");
    assertThatThrownBy(() -> slow.check(req)).hasMessage("safety kernel circuit open");
  }
}
