package io.cordum.gateway.internal;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.CordumException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.audit.AuditEntry;
import io.cordum.api.lock.LockNotHeldException;
import io.cordum.api.workflow.InvalidRunTransitionException;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.audit.AuditSink;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.Reply;
import io.cordum.gateway.route.Route;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The middleware chain, outermost first: request id, CORS (403 for a refused origin; OPTIONS
 * answered 204 here), routing (400 bad path, 404, 405 with {@code Allow}), authentication (401) for
 * every {@code /api/} path except public routes, the route's permission (403), the rate limit per
 * key (429 with {@code Retry-After}), the body limit (413) and request timeout (408), the handler,
 * and the error mapping (backend exception text never reaches the client).
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final Router router;
  private final AuthProvider auth;
  private final Cors cors;
  private final RateLimiter limiter;
  private final GatewayMetrics metrics;
  private final GatewayConfig config;
  private final RateLimiter tenantLimiter;
  private final AuditSink audit;
  private final java.time.InstantSource clock;

  /**
   * Creates the chain.
   *
   * @param tenantLimiter the rate limit per tenant, over all its keys
   * @param audit where audit events go (authentication failures, denials, state changes)
   */
  public Dispatcher(
      Router router,
      AuthProvider auth,
      Cors cors,
      RateLimiter limiter,
      RateLimiter tenantLimiter,
      GatewayMetrics metrics,
      GatewayConfig config,
      AuditSink audit,
      java.time.InstantSource clock) {
    this.router = router;
    this.auth = auth;
    this.cors = cors;
    this.limiter = limiter;
    this.tenantLimiter = tenantLimiter;
    this.metrics = metrics;
    this.config = config;
    this.audit = audit;
    this.clock = clock;
  }

  /** Serves one request. */
  public void handle(HttpServletRequest req, HttpServletResponse resp) {
    long start = System.nanoTime();
    String method = req.getMethod();
    String requestId = RequestIds.of(req.getHeader("X-Request-Id"));
    resp.setHeader("X-Request-Id", requestId);
    String label = "unmatched";
    int status = 500;
    MDC.put("request_id", requestId);
    try {
      status = serve(req, resp, method, requestId);
    } catch (ApiError e) {
      drainUnread(req);
      status = fail(req, resp, e, requestId);
    } catch (Throwable t) {
      drainUnread(req);
      status = fail(req, resp, map(t, requestId, method, req.getRequestURI()), requestId);
    } finally {
      Object matched = req.getAttribute(ROUTE_ATTR);
      if (matched instanceof String s) {
        label = s;
      }
      metrics.record(
          METHODS.contains(method) ? method : "OTHER", label, status, System.nanoTime() - start);
      audit(req, method, label, status, requestId);
      MDC.remove("request_id");
    }
  }

  private static final String ROUTE_ATTR = "cordum.route";
  private static final String PRINCIPAL_ATTR = "cordum.principal";
  private static final String ERROR_ATTR = "cordum.error";

  /**
   * Audits authentication failures (401), denials (403) and every state-changing call under {@code
   * /api/}, whatever its outcome. Reads are not audited (they would drown the trail). Called for
   * every request this chain serves, and by the stream for refused upgrades.
   */
  public void audit(
      HttpServletRequest req, String method, String route, int status, String requestId) {
    String path = req.getRequestURI();
    boolean change =
        !method.equals("GET")
            && !method.equals("HEAD")
            && !method.equals("OPTIONS")
            && path.startsWith("/api/");
    if (!change && status != 401 && status != 403) {
      return;
    }
    Principal p = req.getAttribute(PRINCIPAL_ATTR) instanceof Principal x ? x : null;
    Object code = req.getAttribute(ERROR_ATTR);
    String ua = req.getHeader("User-Agent");
    AuditEntry e =
        new AuditEntry(
            clock.instant(),
            requestId,
            method,
            route,
            path,
            status,
            AuditEntry.outcomeOf(status),
            code == null ? "" : code.toString(),
            p == null ? "" : p.tenant(),
            p == null ? "" : p.id(),
            p == null ? "" : p.role(),
            p == null ? "" : p.keyId(),
            String.valueOf(req.getRemoteAddr()),
            ua == null ? "" : ua.length() > 200 ? ua.substring(0, 200) : ua);
    try {
      audit.export(e);
    } catch (RuntimeException ex) {
      log.warn("exporting the audit event of request {} failed: {}", requestId, ex.toString());
    }
  }

  private static final String BODY_READ = "cordum.body.read";

  /** Drops a body the request was refused before reading, so the client reads the error. */
  private void drainUnread(HttpServletRequest req) {
    if (req.getAttribute(BODY_READ) == null) {
      req.setAttribute(BODY_READ, Boolean.TRUE);
      drain(req, req.getContentLengthLong());
    }
  }

  private int serve(
      HttpServletRequest req, HttpServletResponse resp, String method, String requestId)
      throws Exception {
    checkOrigin(req, resp);
    if (method.equals("OPTIONS")) {
      resp.setStatus(204);
      return 204;
    }
    String path = req.getRequestURI();
    Router.Result r = router.match(method, path);
    Route route = r instanceof Router.Found f ? f.route() : null;
    boolean needsAuth = route != null ? !route.permission().isPublic() : path.startsWith("/api/");
    Principal principal = needsAuth ? authenticate(req, null) : null;
    if (r instanceof Router.BadPath b) {
      throw ApiError.badRequest(ErrorCodes.INVALID_PATH, "invalid path: " + b.reason());
    }
    if (r instanceof Router.NotFound) {
      throw new ApiError(404, ErrorCodes.ROUTE_NOT_FOUND, "404 page not found");
    }
    if (r instanceof Router.MethodNotAllowed m) {
      throw new ApiError(405, ErrorCodes.METHOD_NOT_ALLOWED, "Method Not Allowed")
          .withHeader("Allow", String.join(", ", m.allow()));
    }
    Router.Found found = (Router.Found) r;
    req.setAttribute(ROUTE_ATTR, found.route().pattern());
    if (principal == null) {
      principal = new Principal("anonymous", config.defaultTenant(), "", "public", false, Map.of());
    } else {
      authorize(principal, found.route());
    }
    byte[] body = readBody(req, found.route());
    req.setAttribute(BODY_READ, Boolean.TRUE);
    HttpCall call =
        new HttpCall(
            req,
            found.route(),
            found.params(),
            requestId,
            principal,
            auth,
            body,
            config.maxListLimit());
    Object result = found.route().handler().handle(call);
    return write(resp, result);
  }

  /**
   * Checks the origin and sets the CORS headers.
   *
   * @throws ApiError 403 {@code origin_not_allowed}
   */
  public void checkOrigin(HttpServletRequest req, HttpServletResponse resp) {
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return;
    }
    if (!cors.allowed(origin, req.getHeader("Host"))) {
      throw ApiError.forbidden(ErrorCodes.ORIGIN_NOT_ALLOWED, "origin not allowed");
    }
    resp.setHeader("Access-Control-Allow-Origin", origin);
    resp.addHeader("Vary", "Origin");
    resp.setHeader("Access-Control-Allow-Methods", Cors.ALLOW_METHODS);
    resp.setHeader("Access-Control-Allow-Headers", Cors.ALLOW_HEADERS);
    resp.setHeader("Access-Control-Expose-Headers", Cors.EXPOSE_HEADERS);
    resp.setHeader("Access-Control-Max-Age", "600");
  }

  /**
   * Authenticates a request.
   *
   * @param apiKey the key to use instead of {@code X-API-Key} (the WebSocket subprotocol), or
   *     {@code null}
   * @throws ApiError 401 {@code unauthorized}
   */
  public Principal authenticate(HttpServletRequest req, @Nullable String apiKey) {
    String key = apiKey != null ? apiKey : req.getHeader("X-API-Key");
    AuthRequest ar =
        new AuthRequest(
            req.getMethod(), req.getRequestURI(), req.getRemoteAddr(), key, req::getHeader);
    Principal p =
        auth.authenticate(ar)
            .orElseThrow(() -> new ApiError(401, ErrorCodes.UNAUTHORIZED, "unauthorized"));
    req.setAttribute(PRINCIPAL_ATTR, p);
    return p;
  }

  /**
   * Checks the route's permission and the caller's rate limit.
   *
   * @throws ApiError 403 {@code permission_denied} or 429 {@code rate_limited}
   */
  public void authorize(Principal principal, Route route) {
    authorize(principal, route.permission());
  }

  /**
   * Checks a permission and the caller's rate limit.
   *
   * @throws ApiError 403 {@code permission_denied} or 429 {@code rate_limited}
   */
  public void authorize(Principal principal, io.cordum.gateway.auth.Permission permission) {
    if (!permission.isAuthenticatedOnly() && !auth.authorize(principal, permission)) {
      throw ApiError.forbidden(
          ErrorCodes.PERMISSION_DENIED, "permission denied: " + permission.name() + " required");
    }
    Duration wait = limiter.acquire(principal.keyId());
    if (wait.isZero()) {
      // A tenant's keys share its allowance too, so that many keys cannot multiply it.
      wait = tenantLimiter.acquire(principal.tenant());
    }
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw new ApiError(429, ErrorCodes.RATE_LIMITED, "rate limited")
          .withHeader("Retry-After", Long.toString(seconds));
    }
  }

  private byte[] readBody(HttpServletRequest req, Route route) throws IOException {
    long limit = route.maxBodyBytes() > 0 ? route.maxBodyBytes() : config.maxBodyBytes();
    long declared = req.getContentLengthLong();
    if (declared > limit) {
      req.setAttribute(BODY_READ, Boolean.TRUE);
      drain(req, declared);
      throw tooLarge(limit);
    }
    if (declared == 0) {
      return new byte[0];
    }
    try {
      return readLimited(req, limit, declared);
    } catch (IOException e) {
      req.setAttribute(BODY_READ, Boolean.TRUE);
      // The client stopped sending (early EOF, reset, idle timeout): its request is incomplete.
      throw new ApiError(400, "incomplete_body", "request body incomplete")
          .withHeader("Connection", "close");
    }
  }

  private byte[] readLimited(HttpServletRequest req, long limit, long declared) throws IOException {
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    InputStream in = req.getInputStream();
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, 64 * 1024) : 1024);
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > limit) {
        req.setAttribute(BODY_READ, Boolean.TRUE);
        drain(req, declared < 0 ? -1 : declared - total);
        throw tooLarge(limit);
      }
      out.write(buf, 0, n);
      if (System.nanoTime() > deadline) {
        throw new ApiError(408, ErrorCodes.REQUEST_TIMEOUT, "request body not received in time")
            .withHeader("Connection", "close");
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads and drops up to {@value #DRAIN_BYTES} more bytes of a refused body (within the request
   * timeout), so that a client still sending it reads the 413 instead of a connection reset.
   *
   * @param remaining the bytes left to come, or -1 when unknown (chunked)
   */
  private void drain(HttpServletRequest req, long remaining) {
    if (remaining == 0 || remaining > DRAIN_BYTES) {
      return;
    }
    long deadline = System.nanoTime() + config.requestTimeout().toNanos();
    try {
      InputStream in = req.getInputStream();
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      int n;
      while (total <= DRAIN_BYTES && System.nanoTime() < deadline && (n = in.read(buf)) >= 0) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer.
    }
  }

  /** The most bytes of a refused body read and dropped before answering 413. */
  static final long DRAIN_BYTES = 4L * 1024 * 1024;

  private static ApiError tooLarge(long limit) {
    return new ApiError(
            413, ErrorCodes.BODY_TOO_LARGE, "request body too large (limit " + limit + " bytes)")
        .withHeader("Connection", "close");
  }

  private static int write(HttpServletResponse resp, @Nullable Object result) throws IOException {
    Reply reply = result instanceof Reply r ? r : Reply.json(result == null ? Map.of() : result);
    resp.setStatus(reply.status());
    reply.headers().forEach(resp::setHeader);
    byte[] body =
        reply.raw() != null ? reply.raw() : reply.status() == 204 ? null : Json.write(reply.json());
    if (body != null) {
      resp.setContentType(reply.contentType());
      resp.setContentLength(body.length);
      resp.getOutputStream().write(body);
    }
    return reply.status();
  }

  /** Whether the caller may see events or objects of the tenant. */
  public boolean canAccessTenant(Principal principal, String tenant) {
    return auth.canAccessTenant(principal, tenant);
  }

  /** Writes an error response for a request the chain refused outside {@link #handle}. */
  public static void writeError(
      HttpServletRequest req, HttpServletResponse resp, ApiError e, String requestId) {
    fail(req, resp, e, requestId);
  }

  private static int fail(
      HttpServletRequest req, HttpServletResponse resp, ApiError e, String requestId) {
    req.setAttribute(ERROR_ATTR, e.code());
    if (resp.isCommitted()) {
      log.warn("request {} failed after its response started: {}", requestId, e.getMessage());
      return e.status();
    }
    try {
      // Handlers never touch the response, so only the chain's headers are set here.
      ErrorWriter.write(
          resp,
          e,
          ErrorWriter.wantsProblem(req.getHeader("Accept")),
          req.getRequestURI(),
          requestId);
    } catch (IOException | RuntimeException io) {
      log.debug("writing the error of request {} failed: {}", requestId, io.toString());
    }
    return e.status();
  }

  /** Maps an exception from a handler to the error the client sees. */
  static ApiError map(Throwable t, String requestId, String method, String path) {
    if (t instanceof ValidationException v) {
      return ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, v.getMessage());
    }
    if (t instanceof NotFoundException n) {
      return ApiError.notFound(ErrorCodes.NOT_FOUND, n.getMessage());
    }
    if (t instanceof ConflictException
        || t instanceof InvalidTransitionException
        || t instanceof InvalidRunTransitionException
        || t instanceof LockNotHeldException) {
      CordumException c = (CordumException) t;
      return ApiError.conflict(c.type(), c.getMessage());
    }
    if (t instanceof ArtifactTooLargeException) {
      return new ApiError(413, "artifact_too_large", "artifact too large");
    }
    if (t instanceof BackendException) {
      log.warn(
          "{} {} failed: a backend is unavailable (request {}): {}",
          method,
          path,
          requestId,
          t.toString());
      return ApiError.unavailable(
          ErrorCodes.BACKEND_UNAVAILABLE,
          "backend unavailable, try again later (request id " + requestId + ")");
    }
    if (t instanceof IOException && isClientGone(t)) {
      return new ApiError(400, "client_closed", "client closed the request");
    }
    log.error("{} {} failed (request {})", method, path, requestId, t);
    return new ApiError(500, ErrorCodes.INTERNAL, "internal error (request id " + requestId + ")");
  }

  private static boolean isClientGone(Throwable t) {
    return t.getClass().getName().equals("org.eclipse.jetty.io.EofException")
        || t.getCause() != null
            && t.getCause().getClass().getName().equals("org.eclipse.jetty.io.EofException");
  }
}
