package io.cordum.gateway.audit;

import io.cordum.api.audit.AuditEntry;

/**
 * Where audit entries are exported (a SIEM, a log pipeline), beside the control plane's {@code
 * AuditStore} ({@code Cordum.audit()}), which every entry goes to first. Called on the request
 * thread after the response is written, so an implementation must be quick and thread-safe (hand
 * off to a queue for slow targets); an exception it throws is logged and dropped, never shown to
 * the client.
 */
@FunctionalInterface
public interface AuditSink {
  /** Exports one entry. */
  void export(AuditEntry entry);
}
