package io.cordum.core.internal.scheduler;

import io.cordum.api.bus.Bus;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A bus that delivers every message at once but leaves the confirmation of asynchronous publishes
 * to subjects with a prefix to the test, as a JetStream bus awaiting its acks would.
 */
class UnconfirmedBus implements Bus {
  private final Bus delegate;
  private final String prefix;
  final List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();

  UnconfirmedBus(Bus delegate, String prefix) {
    this.delegate = delegate;
    this.prefix = prefix;
  }

  @Override
  public void publish(String subject, BusPacket packet) {
    delegate.publish(subject, packet);
  }

  @Override
  public void publish(String subject, BusPacket packet, String messageId) {
    delegate.publish(subject, packet, messageId);
  }

  @Override
  public CompletionStage<Void> publishAsync(
      String subject, BusPacket packet, @Nullable String messageId) {
    CompletionStage<Void> sent = delegate.publishAsync(subject, packet, messageId);
    if (!subject.startsWith(prefix)) {
      return sent;
    }
    CompletableFuture<Void> ack = new CompletableFuture<>();
    acks.add(ack);
    return ack;
  }

  @Override
  public Subscription subscribe(
      String subject, @Nullable String queueGroup, MessageHandler handler) {
    return delegate.subscribe(subject, queueGroup, handler);
  }

  @Override
  public void close() {}
}
