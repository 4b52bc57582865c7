package io.cordum.client;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An open subscription to the live event stream. Close it to stop receiving events. {@link #done()}
 * completes when the stream ends, for whatever reason.
 */
public final class StreamSubscription implements AutoCloseable {
  private final WebSocket socket;
  private final CompletableFuture<Integer> done;

  StreamSubscription(WebSocket socket, CompletableFuture<Integer> done) {
    this.socket = socket;
    this.done = done;
  }

  /** Completes with the close code when the stream ends (exceptionally when it failed). */
  public CompletableFuture<Integer> done() {
    return done;
  }

  /** Whether the stream is still open. */
  public boolean isOpen() {
    return !done.isDone();
  }

  /** Closes the stream (waits up to 2 s for the gateway to confirm, then drops the connection). */
  @Override
  public void close() {
    if (done.isDone()) {
      return;
    }
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(2, TimeUnit.SECONDS);
      done.get(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the close handshake did not finish: drop the connection
    } finally {
      socket.abort();
      done.complete(WebSocket.NORMAL_CLOSURE);
    }
  }
}
