package io.cordum.gateway.internal;

import io.cordum.gateway.route.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes errors: plain text {@code message\n} (what Cordum's dashboard, SDK and CLI read) unless
 * the client's {@code Accept} names {@code application/problem+json}, then an RFC 9457 problem
 * document. The stable code is in the {@code X-Cordum-Error-Code} header either way.
 */
public final class ErrorWriter {
  /** The header carrying the error code. */
  public static final String CODE_HEADER = "X-Cordum-Error-Code";

  static final String PROBLEM = "application/problem+json";

  private ErrorWriter() {}

  /** Whether the client asked for problem documents. */
  public static boolean wantsProblem(@Nullable String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains(PROBLEM);
  }

  /** Writes the error (the response must not be committed). */
  public static void write(
      HttpServletResponse resp, ApiError e, boolean problem, String path, String requestId)
      throws IOException {
    resp.setStatus(e.status());
    resp.setHeader(CODE_HEADER, e.code());
    resp.setHeader("X-Content-Type-Options", "nosniff");
    e.headers().forEach(resp::setHeader);
    byte[] body;
    if (problem) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("type", "urn:cordum:error:" + e.code());
      doc.put("title", title(e.status()));
      doc.put("status", e.status());
      doc.put("detail", e.getMessage());
      doc.put("instance", path);
      doc.put("code", e.code());
      doc.put("request_id", requestId);
      resp.setContentType(PROBLEM);
      body = Json.write(doc);
    } else {
      resp.setContentType("text/plain; charset=utf-8");
      body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
    }
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 426 -> "Upgrade Required";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
