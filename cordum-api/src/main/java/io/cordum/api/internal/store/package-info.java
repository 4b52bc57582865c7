/**
 * Internal: code shared by Cordum's own store implementations ({@code cordum-memory}, {@code
 * cordum-redis}) so that they keep one copy of it: microsecond time, the argument checks the store
 * contracts expect, and the listing cursor format. Not API; it may change in any release.
 */
@NullMarked
package io.cordum.api.internal.store;

import org.jspecify.annotations.NullMarked;
