/**
 * Jobs: the {@link io.cordum.api.job.JobState} machine, the {@link io.cordum.api.job.JobStore} SPI
 * that persists it, and the {@link io.cordum.api.job.JobClient} a host application uses to submit,
 * inspect, cancel and await jobs.
 */
@NullMarked
package io.cordum.api.job;

import org.jspecify.annotations.NullMarked;
