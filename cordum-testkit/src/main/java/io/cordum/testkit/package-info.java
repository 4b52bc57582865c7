/**
 * Test support for Cordum and for third-party backends: abstract JUnit 5 contract suites for every
 * SPI (extend one and provide the implementation under test), and a {@link
 * io.cordum.testkit.ManualClock} for deterministic time.
 */
@NullMarked
package io.cordum.testkit;

import org.jspecify.annotations.NullMarked;
