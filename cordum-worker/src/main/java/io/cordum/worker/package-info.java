/**
 * The Java worker runtime: a CAP worker that takes jobs from its pool topics (queue groups) and its
 * direct subject {@code worker.<id>.jobs}, heartbeats on {@code sys.heartbeat}, runs up to {@code
 * maxParallel} jobs at once, reads inputs and writes outputs through pointers, reports progress,
 * honours {@code sys.job.cancel}, and publishes each job's result on {@code sys.job.result}. Start
 * with {@link io.cordum.worker.CordumWorker#builder()}.
 */
@NullMarked
package io.cordum.worker;

import org.jspecify.annotations.NullMarked;
