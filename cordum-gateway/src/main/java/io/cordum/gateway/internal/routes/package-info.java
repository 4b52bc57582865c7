/** The route table of Cordum's {@code /api/v1} and its handlers, one class per area. */
@NullMarked
package io.cordum.gateway.internal.routes;

import org.jspecify.annotations.NullMarked;
