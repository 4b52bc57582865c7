/** Internals of the server: settings sources, the management port, logging, tracing. Not an API. */
@NullMarked
package io.cordum.server.internal;

import org.jspecify.annotations.NullMarked;
