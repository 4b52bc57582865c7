/**
 * Authentication and authorization of gateway requests: the {@link
 * io.cordum.gateway.auth.AuthProvider} SPI, the {@link io.cordum.gateway.auth.Permission}s routes
 * declare, and the default single-tenant API-key provider.
 */
@NullMarked
package io.cordum.gateway.auth;

import org.jspecify.annotations.NullMarked;
