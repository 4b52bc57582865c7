package io.cordum.api.health;

/**
 * A bus or store that can tell whether its backend answers right now. Backends that talk to a
 * server (NATS, Redis) implement it; in-memory ones need not, and count as healthy. {@code
 * Cordum.health()} asks every bound component that implements it.
 */
public interface HealthCheck {
  /**
   * Checks the backend now. Never throws: a failure is a result with {@code ok == false}. Bounded
   * by the backend's own timeouts.
   */
  Health health();
}
