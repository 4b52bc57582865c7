/**
 * Internals of the Redis backends: key layout, Lua scripts and their runner, codecs and the scans
 * behind listings. Not a public API: it may change in any release.
 */
@NullMarked
package io.cordum.redis.internal;

import org.jspecify.annotations.NullMarked;
