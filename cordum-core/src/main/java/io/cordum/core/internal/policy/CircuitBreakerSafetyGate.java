package io.cordum.core.internal.policy;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyGate;
import io.cordum.core.policy.CircuitBreakerSettings;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A circuit breaker around a safety gate, so the scheduler fails closed and fast while the kernel
 * is broken. Closed: calls pass; {@code failureThreshold} consecutive failures open it. Open: calls
 * fail at once with a {@link BackendException} ({@code safety kernel circuit open}) for {@code
 * openFor}. Then half-open: up to {@code halfOpenProbes} calls pass; {@code successesToClose}
 * successes close it, any failure opens it again. Time comes from the injected clock.
 *
 * <p>A {@link BackendException} makes the scheduler defer the job (reason code {@code
 * safety_unavailable}) and retry it later: no job runs unchecked and none is lost.
 */
public final class CircuitBreakerSafetyGate implements SafetyGate {
  /** The breaker's states. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final SafetyGate delegate;
  private final InstantSource clock;
  private final CircuitBreakerSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private State state = State.CLOSED;
  private int failures;
  private int probes;
  private int successes;
  private Instant openUntil = Instant.MIN;

  /** A breaker around {@code delegate}. */
  public CircuitBreakerSafetyGate(
      SafetyGate delegate, InstantSource clock, CircuitBreakerSettings settings) {
    this.delegate = delegate;
    this.clock = clock;
    this.settings = settings;
  }

  /** The gate inside the breaker. */
  public SafetyGate delegate() {
    return delegate;
  }

  /** The current state (an open circuit past its time reads as half-open). */
  public State state() {
    lock.lock();
    try {
      if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
        return State.HALF_OPEN;
      }
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public SafetyDecisionRecord check(JobRequest request) {
    admit();
    SafetyDecisionRecord d;
    try {
      d = delegate.check(request);
    } catch (RuntimeException e) {
      failed();
      throw e instanceof BackendException
          ? e
          : new BackendException("safety kernel error: " + e, e);
    }
    succeeded();
    return d;
  }

  @Override
  public String currentSnapshot() {
    return delegate.currentSnapshot();
  }

  private void admit() {
    lock.lock();
    try {
      if (state == State.OPEN) {
        if (clock.instant().isBefore(openUntil)) {
          throw new BackendException("safety kernel circuit open", null);
        }
        state = State.HALF_OPEN;
        probes = 0;
        successes = 0;
      }
      if (state == State.HALF_OPEN) {
        if (probes >= settings.halfOpenProbes()) {
          throw new BackendException("safety kernel circuit half-open (throttled)", null);
        }
        probes++;
      }
    } finally {
      lock.unlock();
    }
  }

  private void failed() {
    lock.lock();
    try {
      failures++;
      if (state == State.HALF_OPEN || failures >= settings.failureThreshold()) {
        state = State.OPEN;
        openUntil = clock.instant().plus(settings.openFor());
        failures = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  private void succeeded() {
    lock.lock();
    try {
      failures = 0;
      if (state == State.HALF_OPEN && ++successes >= settings.successesToClose()) {
        state = State.CLOSED;
        probes = 0;
        successes = 0;
      }
    } finally {
      lock.unlock();
    }
  }
}
