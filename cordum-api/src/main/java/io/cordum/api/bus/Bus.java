package io.cordum.api.bus;

import io.cordum.api.BackendException;
import io.cordum.api.cap.BusPacket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Publishes and delivers {@link BusPacket}s by subject. See the package documentation for the
 * delivery contract every implementation keeps.
 *
 * <p>Implementations: {@code InMemoryBus} (cordum-memory, the embedded default) and {@code NatsBus}
 * (cordum-nats, core NATS and JetStream).
 */
public interface Bus extends AutoCloseable {

  /**
   * Publishes a packet to a literal subject (no wildcards).
   *
   * @throws IllegalArgumentException if the subject is not a valid literal subject
   * @throws IllegalStateException if the bus is closed
   * @throws io.cordum.api.BackendException if the bus cannot accept the message now
   */
  void publish(String subject, BusPacket packet);

  /**
   * Publishes a packet with a message id, a header outside the packet: a bus that deduplicates
   * (JetStream's {@code Nats-Msg-Id}) drops a second message with the same id on the same subject
   * within its window. Bookkeeping such as this stays out of the packet, which CAP workers see (a
   * job request's {@code labels} are routing and placement labels a worker may act on). The default
   * ignores the id.
   *
   * @param messageId the dedup id, such as {@code <job_id>@<attempt>}
   * @throws IllegalArgumentException if the subject is not a valid literal subject
   * @throws IllegalStateException if the bus is closed
   * @throws io.cordum.api.BackendException if the bus cannot accept the message now
   */
  default void publish(String subject, BusPacket packet, String messageId) {
    publish(subject, packet);
  }

  /**
   * Publishes a packet without waiting for the bus to confirm that it keeps it. The stage completes
   * normally once the bus has confirmed the message (a JetStream {@code PubAck}), or at once on a
   * bus that confirms nothing (core NATS, in memory); it completes exceptionally with a {@link
   * io.cordum.api.BackendException} when the bus refuses the message, its confirmation fails or it
   * does not come in time. A caller that must not lose the message reacts to that failure as it
   * would to {@link #publish(String, BusPacket, String)} throwing; a failure may be reported on a
   * thread of the bus, which the reaction may block briefly (a store write), not for long.
   *
   * <p>Messages published through this method are sent in order with those of {@link
   * #publish(String, BusPacket)}; only the wait for the confirmation is overlapped. A bus may bound
   * how many confirmations it awaits at once, and then blocks this call for a while before failing
   * the stage (backpressure). The default publishes synchronously.
   *
   * @param messageId the dedup id (see {@link #publish(String, BusPacket, String)}), or {@code
   *     null} for none
   * @throws IllegalArgumentException if the subject is not a valid literal subject
   * @throws IllegalStateException if the bus is closed
   */
  default CompletionStage<Void> publishAsync(
      String subject, BusPacket packet, @Nullable String messageId) {
    try {
      if (messageId == null) {
        publish(subject, packet);
      } else {
        publish(subject, packet, messageId);
      }
    } catch (BackendException e) {
      return CompletableFuture.failedStage(e);
    }
    return PUBLISHED;
  }

  /** The stage of a message the bus has taken, with nothing left to confirm. */
  CompletionStage<Void> PUBLISHED = CompletableFuture.completedStage(null);

  /**
   * Subscribes a handler to a subject pattern.
   *
   * @param subject a subject, possibly with {@code *} and {@code >} wildcards
   * @param queueGroup a queue group for competing consumers (non-empty, no whitespace), or {@code
   *     null} to receive every message
   * @param handler called with each message; see the package documentation for what its outcome
   *     means
   * @return the subscription; close it to stop receiving
   * @throws IllegalArgumentException if the subject pattern or the queue group name is invalid
   * @throws IllegalStateException if the bus is closed
   */
  Subscription subscribe(String subject, @Nullable String queueGroup, MessageHandler handler);

  /**
   * Observes every message on a subject, best effort: no queue group, no acknowledgement, no
   * redelivery, and nothing kept for the observer while it is away (a JetStream bus uses a plain
   * core subscription even on a durable subject, not a consumer). For caches that can miss a
   * message, such as the scheduler's view of worker load, which every replica keeps from all
   * results while only one replica handles each. A handler's exception is logged and dropped.
   *
   * <p>The default subscribes without a queue group.
   *
   * @param subject a subject, possibly with wildcards
   * @param handler called with each message
   * @return the subscription; close it to stop receiving
   */
  default Subscription observe(String subject, MessageHandler handler) {
    return subscribe(
        subject,
        null,
        m -> {
          try {
            handler.handle(m);
          } catch (Exception e) {
            // Best effort: an observer never asks for redelivery.
          }
        });
  }

  /**
   * Whether a message published to this literal subject now would reach a subscriber, as far as the
   * bus can tell. A bus that cannot tell (NATS, where subscribers may be in other processes)
   * answers {@code true}, the default. The scheduler asks before it sends a job to a pool topic
   * that no worker heartbeats for: on a bus that keeps nothing, such a job would be lost.
   */
  default boolean hasSubscribers(String subject) {
    return true;
  }

  /** Stops every subscription and releases the bus's resources. Idempotent. */
  @Override
  void close();
}
