/**
 * Health of the backends: {@link io.cordum.api.health.HealthCheck}, implemented by buses and
 * stores.
 */
@NullMarked
package io.cordum.api.health;

import org.jspecify.annotations.NullMarked;
