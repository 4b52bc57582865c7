/**
 * Benchmarks. {@link io.cordum.bench.EndToEndBench} measures jobs per second and submit-to-result
 * latency through the whole control plane, beside a floor measured in the same run: the same
 * request/reply traffic on the raw bus, with no Cordum code.
 */
@NullMarked
package io.cordum.bench;

import org.jspecify.annotations.NullMarked;
