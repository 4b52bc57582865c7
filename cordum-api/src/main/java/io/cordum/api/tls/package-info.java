/**
 * Client-side TLS from PEM files, shared by the NATS bus and the Redis stores: Cordum's
 * {@code <PREFIX>_TLS_CA}, {@code _CERT}, {@code _KEY}, {@code _SERVER_NAME} and
 * {@code _INSECURE} settings become a {@link io.cordum.api.tls.ClientTls} (TLS 1.2 or newer,
 * hostname verification against the server name) built on {@link io.cordum.api.tls.PemTls}.
 *
 * <p>JDK only: no third-party TLS library.
 */
@NullMarked
package io.cordum.api.tls;

import org.jspecify.annotations.NullMarked;
