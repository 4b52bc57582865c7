package io.cordum.gateway.route;

import io.cordum.gateway.auth.Permission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects route declarations. Each declaration names, in one statement, the method and path, the
 * permission, the OpenAPI description and the handler:
 *
 * <pre>{@code
 * routes.get("/api/v1/jobs/{id}").permission(Permission.JOBS_READ).tag("jobs")
 *     .summary("A job with its input, result, safety decision and approval")
 *     .path("id", "the job id")
 *     .ok("JobDetail").errors(403, 404)
 *     .handle(jobs::get);
 * }</pre>
 *
 * <p>{@link #build()} returns the table; a declaration without a permission, a summary or a
 * handler, or a method and pattern declared twice, is an error at startup.
 */
public final class Routes {
  private final List<Route> routes = new ArrayList<>();

  /** Starts a {@code GET} route (also served for {@code HEAD}). */
  public Builder get(String pattern) {
    return new Builder("GET", pattern);
  }

  /** Starts a {@code POST} route. */
  public Builder post(String pattern) {
    return new Builder("POST", pattern);
  }

  /** Starts a {@code PUT} route. */
  public Builder put(String pattern) {
    return new Builder("PUT", pattern);
  }

  /** Starts a {@code DELETE} route. */
  public Builder delete(String pattern) {
    return new Builder("DELETE", pattern);
  }

  /** Adds a route built elsewhere. */
  public Routes add(Route route) {
    for (Route r : routes) {
      if (r.method().equals(route.method()) && r.pattern().equals(route.pattern())) {
        throw new IllegalArgumentException("route declared twice: " + route);
      }
    }
    routes.add(route);
    return this;
  }

  /** The routes declared so far, in declaration order. */
  public List<Route> build() {
    return List.copyOf(routes);
  }

  /** One route declaration; {@link #handle} adds it to the table. */
  public final class Builder {
    private final String method;
    private final String pattern;
    private @Nullable Permission permission;
    private String summary = "";
    private String tag = "";
    private final List<RouteDoc.Param> query = new ArrayList<>();
    private final Map<String, String> pathParams = new LinkedHashMap<>();
    private @Nullable String body;
    private boolean bodyRequired;
    private int status = 200;
    private @Nullable String response;
    private boolean array;
    private final Map<Integer, String> errors = new LinkedHashMap<>();
    private long maxBody = -1;

    private Builder(String method, String pattern) {
      this.method = method;
      this.pattern = pattern;
    }

    /** The permission the caller needs. Required. */
    public Builder permission(Permission v) {
      this.permission = Objects.requireNonNull(v);
      return this;
    }

    /** A one-line description. Required. */
    public Builder summary(String v) {
      this.summary = v;
      return this;
    }

    /** The OpenAPI tag. */
    public Builder tag(String v) {
      this.tag = v;
      return this;
    }

    /** Describes a path parameter. */
    public Builder path(String name, String description) {
      pathParams.put(name, description);
      return this;
    }

    /** Documents a string query parameter. */
    public Builder query(String name, String description) {
      query.add(new RouteDoc.Param(name, "string", description));
      return this;
    }

    /** Documents a query parameter of the given type ({@code integer}, {@code boolean}). */
    public Builder query(String name, String type, String description) {
      query.add(new RouteDoc.Param(name, type, description));
      return this;
    }

    /** A required JSON request body of the named schema. */
    public Builder body(String schema) {
      this.body = schema;
      this.bodyRequired = true;
      return this;
    }

    /** An optional JSON request body of the named schema (empty means {@code {}}). */
    public Builder optionalBody(String schema) {
      this.body = schema;
      this.bodyRequired = false;
      return this;
    }

    /** 200 with a JSON body of the named schema. */
    public Builder ok(String schema) {
      return ok(200, schema);
    }

    /** The given status with a JSON body of the named schema. */
    public Builder ok(int status, String schema) {
      this.status = status;
      this.response = schema;
      this.array = false;
      return this;
    }

    /** 200 with a JSON array of the named schema. */
    public Builder okArray(String schema) {
      this.status = 200;
      this.response = schema;
      this.array = true;
      return this;
    }

    /** 204 without a body. */
    public Builder noContent() {
      this.status = 204;
      this.response = null;
      return this;
    }

    /** 200 with a plain-text body. */
    public Builder okText() {
      this.status = 200;
      this.response = "text";
      return this;
    }

    /** Error statuses this route documents (beyond 401, 403 and 429, which every route has). */
    public Builder errors(int... statuses) {
      for (int s : statuses) {
        errors.put(s, describe(s));
      }
      return this;
    }

    /** An error status with a description of when it happens. */
    public Builder error(int status, String description) {
      errors.put(status, description);
      return this;
    }

    /** The largest body this route accepts (default: the gateway's body limit). */
    public Builder maxBody(long bytes) {
      this.maxBody = bytes;
      return this;
    }

    /** Adds the route with its handler to the table. */
    public Routes handle(RouteHandler handler) {
      if (permission == null) {
        throw new IllegalStateException(method + " " + pattern + ": no permission declared");
      }
      if (summary.isBlank()) {
        throw new IllegalStateException(method + " " + pattern + ": no summary");
      }
      RouteDoc doc =
          new RouteDoc(
              summary,
              tag.isBlank() ? "other" : tag,
              query,
              pathParams,
              body,
              bodyRequired,
              status,
              response,
              array,
              errors);
      return add(new Route(method, pattern, permission, doc, maxBody, handler));
    }

    private static String describe(int status) {
      return switch (status) {
        case 400 -> "the request is invalid (the message names the field and the rule)";
        case 403 ->
            "the request names another tenant (another tenant's objects answer 404, as "
                + "if absent)";
        case 404 -> "not found";
        case 409 -> "the object is in a state that does not allow this";
        case 413 -> "the body is too large";
        case 429 -> "a limit was reached";
        case 500 -> "an internal error (the message carries the request id)";
        case 501 -> "not served by this gateway";
        case 502 -> "a downstream call failed";
        case 503 -> "a store, the bus or the safety kernel is unavailable";
        default -> "error";
      };
    }
  }
}
