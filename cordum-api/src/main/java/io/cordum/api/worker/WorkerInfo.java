package io.cordum.api.worker;

import io.cordum.api.cap.Heartbeat;
import java.time.Instant;

/**
 * A live worker: its last heartbeat and when it was received (liveness uses the receive time, never
 * the sender's clock).
 *
 * @param heartbeat the last heartbeat, as received
 * @param lastSeen when it was received
 */
public record WorkerInfo(Heartbeat heartbeat, Instant lastSeen) {
  /** The worker id. */
  public String workerId() {
    return heartbeat.workerId();
  }

  /** The pool the worker serves. */
  public String pool() {
    return heartbeat.pool();
  }
}
