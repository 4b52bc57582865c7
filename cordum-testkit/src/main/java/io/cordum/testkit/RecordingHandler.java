package io.cordum.testkit;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link MessageHandler} that records every message it is given, in the order it handled them.
 * Thread-safe; the accessors return copies, so they can be polled from another thread while
 * messages keep arriving.
 */
public final class RecordingHandler implements MessageHandler {
  private final Queue<BusMessage> messages = new ConcurrentLinkedQueue<>();

  @Override
  public void handle(BusMessage message) {
    messages.add(message);
  }

  /** The messages handled so far, in handling order. */
  public List<BusMessage> messages() {
    return List.copyOf(messages);
  }

  /** The trace ids of the packets handled so far, in handling order. */
  public List<String> traceIds() {
    return messages.stream().map(m -> m.packet().traceId()).toList();
  }

  /** The subjects of the messages handled so far, in handling order. */
  public List<String> subjects() {
    return messages.stream().map(BusMessage::subject).toList();
  }

  /** How many messages were handled so far. */
  public int count() {
    return messages.size();
  }
}
