package io.cordum.client;

import io.cordum.client.model.StreamEvent;

/**
 * Receives the live events of a {@link StreamSubscription}. Methods are called one at a time, in
 * order, on the client's executor; a slow listener holds up only its own subscription (the gateway
 * closes a subscription that falls too far behind, with code 1008).
 */
@FunctionalInterface
public interface StreamListener {
  /** One event. */
  void onEvent(StreamEvent event);

  /** The connection failed; {@link #onClosed} is not called after this. */
  default void onError(Throwable error) {}

  /**
   * The stream ended: closed by {@link StreamSubscription#close()} (1000), by the gateway shutting
   * down (1001), or for falling behind (1008).
   */
  default void onClosed(int code, String reason) {}
}
