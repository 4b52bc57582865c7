/**
 * Client TLS settings shared by the NATS bus and the Redis stores: {@link
 * io.cordum.tls.TlsSettings}, Cordum's {@code <PREFIX>_TLS_CA}, {@code _CERT}, {@code _KEY}, {@code
 * _SERVER_NAME} and {@code _INSECURE} settings as one value.
 */
@NullMarked
package io.cordum.tls;

import org.jspecify.annotations.NullMarked;
