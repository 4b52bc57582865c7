/**
 * Internal: the mapping between the generated CAP protobuf classes and the {@code cordum-api}
 * records. Not an API; use {@link io.cordum.nats.CapCodec}.
 */
@NullMarked
package io.cordum.nats.internal;

import org.jspecify.annotations.NullMarked;
