/**
 * A test kit for applications that embed Cordum: {@link io.cordum.test.TestCordum}, an in-memory
 * control plane on a manual clock with workers from lambdas and waits for states, and {@link
 * io.cordum.test.CordumExtension}, which gives one to each JUnit 5 test. Time moves only when a
 * test advances it, so retries, backoff, timeouts, delays and approval expiries are tested
 * instantly. Add {@code io.cordum:cordum-test} in test scope.
 */
@NullMarked
package io.cordum.test;

import org.jspecify.annotations.NullMarked;
