/**
 * Internal: client-side TLS from PEM files, shared by the NATS bus and the Redis stores. A {@link
 * io.cordum.api.tls.TlsSettings} (Cordum's {@code <PREFIX>_TLS_CA}, {@code _CERT}, {@code _KEY},
 * {@code _SERVER_NAME} and {@code _INSECURE} settings) becomes a {@link
 * io.cordum.api.internal.tls.ClientTls} (TLS 1.2 or newer, hostname verification against the server
 * name) built on {@link io.cordum.api.internal.tls.PemTls}. JDK only. Not API.
 */
@NullMarked
package io.cordum.api.internal.tls;

import org.jspecify.annotations.NullMarked;
