package io.cordum.api.backend;

import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.dlq.DeadLetterRetention;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What a backend's instances take from the control plane they serve.
 *
 * @param clock the time source every store uses
 * @param artifacts artifact retention and size limit (for an artifact store)
 * @param deadLetters how long dead letters are kept (for a dead-letter store)
 */
public record BackendContext(
    InstantSource clock, ArtifactConfig artifacts, DeadLetterRetention deadLetters) {
  /** Checks every component is present. */
  public BackendContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(deadLetters, "deadLetters");
  }
}
