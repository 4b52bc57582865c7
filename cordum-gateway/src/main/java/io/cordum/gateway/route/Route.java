package io.cordum.gateway.route;

import io.cordum.gateway.auth.Permission;
import java.util.List;
import java.util.Objects;

/**
 * One row of the gateway's route table: method, path pattern, the permission it needs, its OpenAPI
 * description and its handler, declared together.
 *
 * <p>Patterns are Go 1.22 {@code ServeMux} style: literal segments and {@code {name}} segments that
 * match exactly one path segment ({@code %2F} stays inside the segment and is decoded in the
 * value). A literal segment wins over a parameter at the same position.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} ({@code
 *     GET} routes also answer {@code HEAD})
 * @param pattern the path pattern, such as {@code /api/v1/jobs/{id}}
 * @param permission what the caller must be allowed to do
 * @param doc the OpenAPI description
 * @param maxBodyBytes the largest body accepted, or -1 for the gateway's default
 * @param handler the handler
 */
public record Route(
    String method,
    String pattern,
    Permission permission,
    RouteDoc doc,
    long maxBodyBytes,
    RouteHandler handler) {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** Checks the values. */
  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(handler, "handler");
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unsupported method " + method);
    }
    if (!pattern.startsWith("/")
        || pattern.contains("//")
        || pattern.length() > 1 && pattern.endsWith("/")) {
      throw new IllegalArgumentException("bad route pattern " + pattern);
    }
  }

  /** The names of the path parameters, in order. */
  public List<String> pathParams() {
    return java.util.Arrays.stream(pattern.substring(1).split("/"))
        .filter(s -> s.startsWith("{") && s.endsWith("}"))
        .map(s -> s.substring(1, s.length() - 1))
        .toList();
  }

  @Override
  public String toString() {
    return method + " " + pattern;
  }
}
