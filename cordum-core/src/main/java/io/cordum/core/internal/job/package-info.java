/** The {@link io.cordum.api.job.JobClient} implementation. */
@NullMarked
package io.cordum.core.internal.job;

import org.jspecify.annotations.NullMarked;
