package io.cordum.client;

import io.cordum.client.model.StreamEvent;
import io.cordum.client.model.StreamFilter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The live event stream ({@code /api/v1/stream}, a WebSocket): CAP packets as they cross the bus
 * (submits, results, progress, cancels, heartbeats, alerts), filtered by the gateway.
 */
public final class StreamApi {
  static final String[] KINDS = {
    "jobRequest", "jobResult", "jobProgress", "jobCancel", "heartbeat", "alert"
  };

  private final Transport t;

  StreamApi(Transport t) {
    this.t = t;
  }

  /**
   * Opens a subscription and returns once the gateway accepted it; events then go to the listener
   * until the subscription is closed.
   *
   * @throws AuthException when the key is refused
   * @throws BadRequestException when the filter is invalid
   * @throws TransportException when the gateway can not be reached in time
   */
  public StreamSubscription subscribe(StreamFilter filter, StreamListener listener) {
    URI uri = uri(filter);
    CompletableFuture<Integer> done = new CompletableFuture<>();
    WebSocket.Builder b = t.http.newWebSocketBuilder().connectTimeout(t.timeout);
    if (!t.apiKey.isEmpty()) {
      b.header("X-API-Key", t.apiKey);
    }
    t.headers.forEach(b::header);
    try {
      WebSocket ws =
          b.buildAsync(uri, new Frames(listener, done))
              .get(t.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      return new StreamSubscription(ws, done);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", "", "GET", uri.getRawPath(), false, e);
    } catch (TimeoutException e) {
      throw new TransportException(
          "the stream did not open within " + t.timeout, "", "GET", uri.getRawPath(), true, e);
    } catch (ExecutionException e) {
      throw handshakeError(e.getCause(), uri);
    }
  }

  private URI uri(StreamFilter f) {
    Transport.Req r =
        t.req("GET", "/api/v1/stream")
            .query("topic", f.topic())
            .query("job_id", f.jobId())
            .query("run_id", f.runId())
            .query("kind", String.join(",", f.kinds()))
            .query("payload", "false");
    StringBuilder q = new StringBuilder();
    r.query.forEach(
        (k, v) ->
            q.append(q.length() == 0 ? '?' : '&')
                .append(k)
                .append('=')
                .append(PathSegments.encode(v)));
    String base = t.base.toString().replaceFirst("^http", "ws");
    return URI.create(base + "/api/v1/stream" + q);
  }

  private CordumClientException handshakeError(@Nullable Throwable cause, URI uri) {
    String path = uri.getRawPath();
    if (cause instanceof WebSocketHandshakeException h) {
      HttpResponse<?> r = h.getResponse();
      Object body = r.body();
      byte[] bytes =
          body instanceof byte[] a
              ? a
              : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : new byte[0];
      String rid = r.headers().firstValue("X-Request-Id").orElse("");
      String code = r.headers().firstValue(Transport.CODE_HEADER).orElse("");
      String detail = t.detail(r.headers(), bytes);
      int s = r.statusCode();
      return switch (s) {
        case 400 -> new BadRequestException(s, code, detail, rid, "GET", path, h);
        case 401, 403 -> new AuthException(s, code, detail, rid, "GET", path, h);
        case 404 -> new NotFoundException(s, code, detail, rid, "GET", path, h);
        default ->
            s >= 500
                ? new ServerException(s, code, detail, rid, "GET", path, h)
                : new CordumClientException(s, code, detail, rid, "GET", path, h);
      };
    }
    return new TransportException(
        "can not open the stream at " + uri + ": " + cause, "", "GET", path, false, cause);
  }

  /** Parses one frame. */
  static StreamEvent parse(String text) {
    JsonNode n;
    try {
      n = ClientJson.mapper().readTree(text);
    } catch (JacksonException e) {
      return new StreamEvent("", "", "", null, Map.of(), text);
    }
    String kind = "";
    Map<String, Object> payload = Map.of();
    for (String k : KINDS) {
      JsonNode m = n.get(k);
      if (m == null && n.path("payload").has(k)) {
        m = n.path("payload").get(k);
      }
      if (m != null && m.isObject()) {
        kind = k;
        payload = ClientJson.mapper().convertValue(m, LinkedHashMap.class);
        break;
      }
    }
    Instant at = null;
    String created = n.path("createdAt").asString("");
    if (!created.isEmpty()) {
      try {
        at = Instant.parse(created);
      } catch (RuntimeException e) {
        // leave it null: a malformed time is not worth dropping the event
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> p = payload;
    return new StreamEvent(
        kind, n.path("traceId").asString(""), n.path("senderId").asString(""), at, p, text);
  }

  /** Collects text frames (which may come in parts) and hands whole events to the listener. */
  private static final class Frames implements WebSocket.Listener {
    private final StreamListener listener;
    private final CompletableFuture<Integer> done;
    private final StringBuilder partial = new StringBuilder();

    Frames(StreamListener listener, CompletableFuture<Integer> done) {
      this.listener = listener;
      this.done = done;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          listener.onEvent(parse(text));
        } catch (RuntimeException e) {
          // A listener's failure must not kill the stream; it hears of it as an error.
          listener.onError(e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public @Nullable CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      if (!done.isDone()) {
        listener.onClosed(code, reason);
        done.complete(code);
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      if (!done.isDone()) {
        listener.onError(error);
        done.completeExceptionally(error);
      }
    }
  }
}
