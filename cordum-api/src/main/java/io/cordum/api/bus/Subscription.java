package io.cordum.api.bus;

import org.jspecify.annotations.Nullable;

/** An active subscription. Closing it stops delivery to its handler; idempotent. */
public interface Subscription extends AutoCloseable {
  /** The subject pattern subscribed to. */
  String subject();

  /** The queue group, or {@code null} when the subscription receives every message. */
  @Nullable String queueGroup();

  /** Whether the subscription still receives messages. */
  boolean isActive();

  /** Stops delivery. A message being handled finishes; no new ones are started. */
  @Override
  void close();
}
