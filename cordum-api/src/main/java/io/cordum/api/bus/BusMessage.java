package io.cordum.api.bus;

import io.cordum.api.cap.BusPacket;

/**
 * One delivered message.
 *
 * @param subject the literal subject it was published to
 * @param packet the decoded packet
 * @param deliveryAttempt 1 on first delivery, then 2, 3, ... on redeliveries
 */
public record BusMessage(String subject, BusPacket packet, int deliveryAttempt) {
  /** Whether this is a redelivery of a message that was handed out before. */
  public boolean redelivered() {
    return deliveryAttempt > 1;
  }
}
