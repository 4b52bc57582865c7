/**
 * API keys of a multi-tenant deployment: the {@link io.cordum.api.auth.ApiKeyStore} SPI, its {@link
 * io.cordum.api.auth.ApiKey} records (which hold a hash of the secret, never the secret) and {@link
 * io.cordum.api.auth.ApiKeySecrets}, which makes and checks the presented tokens.
 */
@NullMarked
package io.cordum.api.auth;

import org.jspecify.annotations.NullMarked;
