/**
 * The bus SPI: publish and subscribe {@link io.cordum.api.cap.BusPacket}s on NATS-style subjects.
 *
 * <p>Delivery contract, the same on every implementation:
 *
 * <ul>
 *   <li>Subscription patterns use NATS wildcards: {@code *} matches one token, {@code >} matches
 *       one or more trailing tokens.
 *   <li>Subscribers without a queue group each receive every matching message; within one queue
 *       group, each message goes to exactly one member (competing consumers).
 *   <li>Each subscription receives its messages one at a time, in publish order (as NATS delivers
 *       to one subscription); subscribe several members of a queue group to handle messages in
 *       parallel.
 *   <li>A handler that returns acknowledges the message. A handler that throws {@link
 *       io.cordum.api.RetryLaterException} has the message delivered again after the exception's
 *       delay (to any member of the group); a {@code RetryLaterException} anywhere in the cause
 *       chain counts. Any other exception acknowledges the message; it is logged and counted, never
 *       retried.
 *   <li>Delivery is at least once where the implementation is durable (JetStream) and at most once
 *       otherwise: handlers must tolerate duplicates and reordering.
 * </ul>
 */
@NullMarked
package io.cordum.api.bus;

import org.jspecify.annotations.NullMarked;
