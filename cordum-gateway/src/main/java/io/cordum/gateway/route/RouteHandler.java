package io.cordum.gateway.route;

/**
 * Handles one route: parse, call the public API, shape the JSON. Authentication, the route's
 * permission, the rate limit and the body limit are checked before it runs; any {@link ApiError} it
 * throws becomes the error response, and any other exception becomes a 500 (or 503 for a backend
 * outage) whose text never reaches the client.
 */
@FunctionalInterface
public interface RouteHandler {
  /**
   * Handles a request.
   *
   * @return a {@link Reply}, or any other value, written as JSON with status 200
   */
  Object handle(Call call) throws Exception;
}
