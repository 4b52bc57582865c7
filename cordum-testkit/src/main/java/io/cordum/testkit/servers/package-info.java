/**
 * Real servers for tests: a private {@code redis-server} or {@code nats-server -js} process on a
 * free port, started from the binaries on PATH, or an external server named by {@code
 * CORDUM_TEST_REDIS_URL} / {@code CORDUM_TEST_NATS_URL}. When neither is available the test is
 * skipped with a clear message, except with {@code CI=true}, where it fails. Private servers can be
 * stopped, killed and restarted on the same port for fault tests.
 */
@NullMarked
package io.cordum.testkit.servers;

import org.jspecify.annotations.NullMarked;
