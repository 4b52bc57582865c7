package io.cordum.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited request: who, what, when, from where, and the outcome. Never holds a credential.
 *
 * @param time when the request was answered
 * @param requestId the request id
 * @param method the HTTP method
 * @param route the matched route pattern, or {@code unmatched}
 * @param path the request path
 * @param status the HTTP status answered
 * @param outcome {@code ok} (below 400), {@code unauthenticated} (401), {@code denied} (403) or
 *     {@code failed} (any other error)
 * @param reason the error code, or empty
 * @param tenant the caller's tenant, or empty when it did not authenticate
 * @param principal the caller's principal, or empty
 * @param role the caller's role, or empty
 * @param keyId the id of the credential used (never the credential), or empty
 * @param remoteAddress the peer's address
 * @param userAgent the {@code User-Agent} header, or empty
 */
public record AuditEntry(
    Instant time,
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
    String remoteAddress,
    String userAgent) {

  /** Checks the values. */
  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /** The outcome of a status. */
  public static String outcomeOf(int status) {
    return status < 400
        ? "ok"
        : status == 401 ? "unauthenticated" : status == 403 ? "denied" : "failed";
  }
}
