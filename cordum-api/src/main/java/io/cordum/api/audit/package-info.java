/**
 * The audit trail of the control plane's API: the {@link io.cordum.api.audit.AuditStore} SPI and
 * its {@link io.cordum.api.audit.AuditEntry} records (authentication failures, denials and
 * state-changing calls, never a credential).
 */
@NullMarked
package io.cordum.api.audit;

import org.jspecify.annotations.NullMarked;
