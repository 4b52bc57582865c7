/**
 * Embedding Cordum: {@link io.cordum.core.Cordum#builder()} assembles the control plane (with
 * in-memory backends unless told otherwise); {@link io.cordum.core.CordumModule} serves hosts that
 * already use Guice.
 */
@NullMarked
package io.cordum.core;

import org.jspecify.annotations.NullMarked;
