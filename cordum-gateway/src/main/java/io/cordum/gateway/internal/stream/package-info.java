/** The live event stream: bus taps, tenant scoping, filters, per-client buffers. */
@NullMarked
package io.cordum.gateway.internal.stream;

import org.jspecify.annotations.NullMarked;
