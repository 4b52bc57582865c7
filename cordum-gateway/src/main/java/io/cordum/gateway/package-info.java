/**
 * Cordum's HTTP and WebSocket gateway ({@code /api/v1}): {@link io.cordum.gateway.Gateway} serves
 * an embedded {@code Cordum}; {@link io.cordum.gateway.GatewayConfig} holds its settings. The
 * security SPI is in {@link io.cordum.gateway.auth}, the route-author API in {@link
 * io.cordum.gateway.route}.
 */
@NullMarked
package io.cordum.gateway;

import org.jspecify.annotations.NullMarked;
