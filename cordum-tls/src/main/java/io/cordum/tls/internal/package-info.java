/**
 * Internal: client-side TLS from PEM files, shared by the NATS bus and the Redis stores. A {@link
 * io.cordum.tls.TlsSettings} (Cordum's {@code <PREFIX>_TLS_CA}, {@code _CERT}, {@code _KEY}, {@code
 * _SERVER_NAME} and {@code _INSECURE} settings) becomes a {@link io.cordum.tls.internal.ClientTls}
 * (TLS 1.2 or newer, hostname verification against the server name) built on {@link
 * io.cordum.tls.internal.PemTls}. JDK only. Not API.
 */
@NullMarked
package io.cordum.tls.internal;

import org.jspecify.annotations.NullMarked;
