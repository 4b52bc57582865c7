/** Internals of the gateway: server assembly, routing, middleware, JSON. Not an API. */
@NullMarked
package io.cordum.gateway.internal;

import org.jspecify.annotations.NullMarked;
