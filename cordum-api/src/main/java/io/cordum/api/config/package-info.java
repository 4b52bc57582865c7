/**
 * Configuration hooks the engines call, such as the
 * {@link io.cordum.api.config.EffectiveConfigProvider}.
 */
@NullMarked
package io.cordum.api.config;

import org.jspecify.annotations.NullMarked;
