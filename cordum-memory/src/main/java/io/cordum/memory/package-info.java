/**
 * In-memory implementations of every Cordum SPI: the embedded default and the backend the engine
 * tests run on. They are real implementations with the same semantics as the Redis and NATS
 * backends (atomic transitions, TTLs, owner-checked leases), checked by the same contract suites in
 * {@code cordum-testkit}; state lives only in this JVM.
 */
@NullMarked
package io.cordum.memory;

import org.jspecify.annotations.NullMarked;
