/**
 * The CAP wire model ({@code cordum.agent.v1}) as immutable records with builders.
 *
 * <p>Every bus message is one {@link io.cordum.api.cap.BusPacket} carrying one {@link
 * io.cordum.api.cap.Payload}. Field names follow the CAP protobuf schema; strings are never {@code
 * null} (proto3 has no null string, an absent string is {@code ""}), maps and lists are never
 * {@code null} and are unmodifiable, message-typed fields are {@code null} when absent. {@link
 * io.cordum.api.cap.UnknownFields} carries fields this version does not know, so that a message
 * forwarded by Cordum keeps them. Subject names are in {@link io.cordum.api.cap.Subjects}.
 */
@NullMarked
package io.cordum.api.cap;

import org.jspecify.annotations.NullMarked;
