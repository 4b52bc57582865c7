package io.cordum.api.bus;

import io.cordum.api.cap.BusPacket;

/**
 * One delivered message.
 *
 * @param subject the literal subject it was published to
 * @param packet the decoded packet
 * @param deliveryAttempt 1 on first delivery, then 2, 3, ... on redeliveries
 * @param messageId the id the publisher gave ({@link Bus#publish(String, BusPacket, String)}), a
 *     header outside the packet; empty when it gave none
 */
public record BusMessage(String subject, BusPacket packet, int deliveryAttempt, String messageId) {

  /** Normalises a missing message id to empty. */
  public BusMessage {
    messageId = messageId == null ? "" : messageId;
  }

  /** A message without a message id. */
  public BusMessage(String subject, BusPacket packet, int deliveryAttempt) {
    this(subject, packet, deliveryAttempt, "");
  }

  /** Whether this is a redelivery of a message that was handed out before. */
  public boolean redelivered() {
    return deliveryAttempt > 1;
  }
}
