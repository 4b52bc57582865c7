/**
 * The API a route author uses: {@link io.cordum.gateway.route.Routes} to declare a route with its
 * permission, OpenAPI description and handler in one statement, {@link
 * io.cordum.gateway.route.Call} for the request, {@link io.cordum.gateway.route.Reply} and {@link
 * io.cordum.gateway.route.ApiError} for the answer.
 */
@NullMarked
package io.cordum.gateway.route;

import org.jspecify.annotations.NullMarked;
