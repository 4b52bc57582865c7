package io.cordum.memory;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.BusPacket;

/** One message on its way to one subscription, with its delivery attempt (1 on first delivery). */
record Delivery(String subject, BusPacket packet, int attempt, String messageId) {

  /** The same message for its next delivery attempt. */
  Delivery next() {
    return new Delivery(subject, packet, attempt + 1, messageId);
  }

  BusMessage toMessage() {
    return new BusMessage(subject, packet, attempt, messageId);
  }
}
