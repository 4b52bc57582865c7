/**
 * A Java client for the Cordum gateway's {@code /api/v1} (HTTP and the WebSocket stream).
 *
 * <p>Start with {@link io.cordum.client.CordumClient#builder()}: one client per gateway, safe to
 * share between threads. Each area of the API has its own view ({@code jobs()}, {@code
 * workflows()}, {@code runs()}, ...); values are records in {@link io.cordum.client.model}; every
 * failure is a {@link io.cordum.client.CordumClientException} whose subclass says what went wrong
 * (not found, auth, conflict, rate limited, server error, transport) and which carries the HTTP
 * status, the gateway's error code and the request id.
 *
 * <p>The client depends on the JDK's {@code java.net.http} and Jackson only; it shares no classes
 * with the engine, so a service that talks to Cordum over HTTP does not carry it.
 */
@NullMarked
package io.cordum.client;

import org.jspecify.annotations.NullMarked;
