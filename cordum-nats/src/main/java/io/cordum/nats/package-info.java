/**
 * The NATS side of Cordum: the CAP wire codec ({@link io.cordum.nats.CapCodec}) that turns {@link
 * io.cordum.api.cap.BusPacket} records into the exact bytes every CAP SDK reads and writes, and
 * back.
 *
 * <p>The CAP messages ({@code cordum.agent.v1}) are generated at build time from the {@code .proto}
 * files in {@code src/main/proto} into {@code io.cordum.nats.internal.proto}; code outside this
 * module should use the records of {@code io.cordum.api.cap} and this codec, not the generated
 * classes.
 */
@NullMarked
package io.cordum.nats;

import org.jspecify.annotations.NullMarked;
