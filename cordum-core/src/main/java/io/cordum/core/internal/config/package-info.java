/**
 * The hierarchical config service ({@link io.cordum.core.internal.config.ConfigService}): documents
 * per scope (system, org, team, workflow, step) with compare-and-set revisions, the merged
 * effective config of a job, and the schemas of Cordum's pools, timeouts and safety documents
 * ({@link io.cordum.core.internal.config.ConfigSchemas}).
 */
@NullMarked
package io.cordum.core.internal.config;

import org.jspecify.annotations.NullMarked;
