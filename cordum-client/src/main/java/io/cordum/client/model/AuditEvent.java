package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One audit event ({@code GET /api/v1/auth/audit}): an authentication failure, a denial or a
 * state-changing call.
 *
 * @param time when it was answered
 * @param requestId the request id
 * @param method the HTTP method
 * @param route the matched route pattern
 * @param path the request path
 * @param status the status answered
 * @param outcome {@code ok}, {@code unauthenticated}, {@code denied} or {@code failed}
 * @param reason the error code, or empty
 * @param tenant the caller's tenant, or empty
 * @param principal the caller's principal, or empty
 * @param role the caller's role, or empty
 * @param keyId the id of the key used, or empty
 * @param remoteAddr the caller's address
 * @param userAgent the caller's user agent
 */
public record AuditEvent(
    @Nullable Instant time,
    String requestId,
    String method,
    String route,
    String path,
    int status,
    String outcome,
    String reason,
    String tenant,
    String principal,
    String role,
    String keyId,
    String remoteAddr,
    String userAgent) {
  /** Normalizes nulls. */
  public AuditEvent {
    requestId = Norm.s(requestId);
    method = Norm.s(method);
    route = Norm.s(route);
    path = Norm.s(path);
    outcome = Norm.s(outcome);
    reason = Norm.s(reason);
    tenant = Norm.s(tenant);
    principal = Norm.s(principal);
    role = Norm.s(role);
    keyId = Norm.s(keyId);
    remoteAddr = Norm.s(remoteAddr);
    userAgent = Norm.s(userAgent);
  }
}
