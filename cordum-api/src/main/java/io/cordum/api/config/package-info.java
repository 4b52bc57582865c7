/**
 * Hierarchical configuration: the {@link io.cordum.api.config.ConfigStore} SPI that keeps one
 * document per {@link io.cordum.api.config.ConfigKey} (scope and id), and the {@link
 * io.cordum.api.config.EffectiveConfigProvider} hook the scheduler calls to put a job's effective
 * configuration into its env.
 */
@NullMarked
package io.cordum.api.config;

import org.jspecify.annotations.NullMarked;
