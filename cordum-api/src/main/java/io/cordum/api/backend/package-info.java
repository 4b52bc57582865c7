/**
 * The service-provider interface through which backend artifacts ({@code cordum-redis}, {@code
 * cordum-nats}, or a third party's) offer themselves to {@code Cordum.builder().fromEnvironment()}:
 * a {@link io.cordum.api.backend.BackendProvider} listed in {@code META-INF/services} reads its
 * settings, and opens a {@link io.cordum.api.backend.Backend} holding the store and bus instances
 * it makes.
 */
@NullMarked
package io.cordum.api.backend;

import org.jspecify.annotations.NullMarked;
