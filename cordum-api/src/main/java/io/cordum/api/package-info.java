/**
 * Cordum's public API: the exception root {@link io.cordum.api.CordumException} and its typed
 * subclasses. The CAP wire model lives in {@link io.cordum.api.cap}, the service provider
 * interfaces (SPIs) in the domain packages ({@code bus}, {@code job}, {@code pointer}, {@code
 * worker}, {@code lock}, {@code policy}, {@code config}, {@code dlq}, {@code artifact}).
 *
 * <p>This module depends on nothing but the JDK (and JSpecify annotations).
 */
@NullMarked
package io.cordum.api;

import org.jspecify.annotations.NullMarked;
