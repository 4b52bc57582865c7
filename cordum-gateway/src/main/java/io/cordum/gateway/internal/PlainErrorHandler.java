package io.cordum.gateway.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Errors Jetty answers itself, before a request reaches the gateway (a malformed request line,
 * header fields over the limit, a URI Jetty refuses): written like the gateway's own errors, {@code
 * message\n} as plain text with a stable code in {@code X-Cordum-Error-Code}, instead of Jetty's
 * HTML page. Never includes a stack trace or exception text.
 */
final class PlainErrorHandler extends ErrorHandler {

  static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 404 -> "route_not_found";
      case 408 -> "request_timeout";
      case 413 -> "body_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      case 505 -> "http_version_not_supported";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  private static byte[] body(int status) {
    String reason = HttpStatus.getMessage(status);
    return ((reason == null ? "error" : reason) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(ErrorWriter.CODE_HEADER, code(code));
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    fields.put(ErrorWriter.CODE_HEADER, code(status));
    fields.put("X-Content-Type-Options", "nosniff");
    return ByteBuffer.wrap(body(status));
  }
}
