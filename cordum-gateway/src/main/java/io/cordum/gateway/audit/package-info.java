/**
 * Export of the gateway's audit trail: the {@link io.cordum.gateway.audit.AuditSink} SPI. Every
 * authentication failure, denial and state-changing call becomes an {@link
 * io.cordum.api.audit.AuditEntry}, kept in the control plane's {@link
 * io.cordum.api.audit.AuditStore} (queryable at {@code /api/v1/auth/audit}) and handed to the sink.
 */
@NullMarked
package io.cordum.gateway.audit;

import org.jspecify.annotations.NullMarked;
