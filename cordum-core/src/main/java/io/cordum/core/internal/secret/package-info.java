/**
 * Secret references ({@code secret://}): detection, job tagging and redaction ({@link
 * io.cordum.core.internal.secret.SecretRefs}).
 */
@NullMarked
package io.cordum.core.internal.secret;

import org.jspecify.annotations.NullMarked;
