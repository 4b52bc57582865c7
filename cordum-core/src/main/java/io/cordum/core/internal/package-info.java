/** Internals shared by the engines. Not a public API: may change without notice. */
@NullMarked
package io.cordum.core.internal;

import org.jspecify.annotations.NullMarked;
