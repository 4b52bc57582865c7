package io.cordum.gateway.route;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a route is described in the OpenAPI document. Schema names refer to the gateway's component
 * schemas ({@code #/components/schemas/<name>}).
 *
 * @param summary one line
 * @param tag the group it is listed under
 * @param query the query parameters
 * @param pathParams descriptions of the path parameters, by name
 * @param requestBody the request body's schema name, or {@code null} for none
 * @param bodyRequired whether a body must be sent
 * @param status the success status
 * @param response the success body: a schema name, {@code "text"} for plain text, or {@code null}
 *     for none
 * @param responseIsArray whether the success body is an array of {@code response}
 * @param errors the error statuses the route documents, each with a description
 */
public record RouteDoc(
    String summary,
    String tag,
    List<Param> query,
    Map<String, String> pathParams,
    @Nullable String requestBody,
    boolean bodyRequired,
    int status,
    @Nullable String response,
    boolean responseIsArray,
    Map<Integer, String> errors) {

  /**
   * A query parameter.
   *
   * @param name its name
   * @param type {@code string}, {@code integer} or {@code boolean}
   * @param description what it does
   */
  public record Param(String name, String type, String description) {}

  /** Copies the collections. */
  public RouteDoc {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(tag, "tag");
    query = List.copyOf(query);
    pathParams = Map.copyOf(pathParams);
    errors = Map.copyOf(errors);
  }
}
