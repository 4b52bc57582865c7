/**
 * Secret references ({@code secret://}): detection, job tagging and redaction
 * ({@link io.cordum.core.secret.SecretRefs}).
 */
@NullMarked
package io.cordum.core.secret;

import org.jspecify.annotations.NullMarked;
