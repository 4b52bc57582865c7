package io.cordum.gateway.auth;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an HTTP request (or WebSocket upgrade) an {@link AuthProvider} may look at.
 *
 * @param method the HTTP method
 * @param path the request path, as sent (still percent-encoded)
 * @param remoteAddress the peer's IP address
 * @param apiKey the API key the client presented: the {@code X-API-Key} header or, on a WebSocket
 *     upgrade, the key carried in {@code Sec-WebSocket-Protocol}; {@code null} if none
 * @param headers reads a request header by name (case-insensitive), {@code null} when absent
 */
public record AuthRequest(
    String method,
    String path,
    String remoteAddress,
    @Nullable String apiKey,
    Function<String, @Nullable String> headers) {

  /** Checks the values. */
  public AuthRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(headers, "headers");
  }

  /** A request header, or {@code null}. */
  public @Nullable String header(String name) {
    return headers.apply(name);
  }

  @Override
  public String toString() {
    // Never print the key.
    return "AuthRequest["
        + method
        + " "
        + path
        + " from "
        + remoteAddress
        + (apiKey == null ? "" : ", with a key")
        + "]";
  }
}
