package io.cordum.gateway.internal;

import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.route.Route;
import io.cordum.gateway.route.RouteDoc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Generates the OpenAPI 3.1 document from the route table, so that what is documented and what is
 * served can not drift apart: every operation carries its permission ({@code x-cordum-permission}),
 * its parameters, body, success response and error statuses. Component schemas come from {@code
 * openapi-components.json} beside this class.
 */
public final class OpenApi {
  /** Where the document is served. */
  public static final String PATH = "/api/v1/openapi.json";

  private static final String COMPONENTS = "/io/cordum/gateway/openapi-components.json";

  private OpenApi() {}

  /** The component schemas, by name. */
  public static Map<String, Object> schemas() {
    try (InputStream in = OpenApi.class.getResourceAsStream(COMPONENTS)) {
      if (in == null) {
        throw new IllegalStateException(COMPONENTS + " is missing");
      }
      JsonNode n = Json.MAPPER.readTree(in);
      return Json.plainObject(n.get("schemas"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document of the given routes. */
  public static String document(List<Route> routes, GatewayConfig config) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put(
        "info",
        Map.of(
            "title",
            "Cordum for Java gateway",
            "version",
            config.buildVersion(),
            "description",
            "Cordum's /api/v1, served by Cordum for Java. Errors are plain text "
                + "(`message\\n`) unless `Accept: application/problem+json` is sent; the stable "
                + "error code is in the `X-Cordum-Error-Code` header. Listings cap `limit` at "
                + config.maxListLimit()
                + "."));
    Map<String, Object> paths = new TreeMap<>();
    for (Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>)
              paths.computeIfAbsent(r.pattern(), k -> new LinkedHashMap<String, Object>());
      item.put(r.method().toLowerCase(Locale.ROOT), operation(r));
    }
    doc.put("paths", paths);
    Map<String, Object> components = new LinkedHashMap<>();
    components.put("schemas", schemas());
    components.put(
        "securitySchemes",
        Map.of("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key")));
    doc.put("components", components);
    doc.put("security", List.of(Map.of("apiKey", List.of())));
    return Json.string(doc);
  }

  private static Map<String, Object> operation(Route r) {
    RouteDoc d = r.doc();
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId(r));
    op.put("summary", d.summary());
    op.put("tags", List.of(d.tag()));
    op.put("x-cordum-permission", r.permission().name());
    if (r.permission().isPublic()) {
      op.put("security", List.of());
    }
    List<Object> params = new ArrayList<>();
    for (String name : r.pathParams()) {
      params.add(
          Map.of(
              "name",
              name,
              "in",
              "path",
              "required",
              true,
              "description",
              d.pathParams().getOrDefault(name, name),
              "schema",
              Map.of("type", "string")));
    }
    for (RouteDoc.Param q : d.query()) {
      params.add(
          Map.of(
              "name",
              q.name(),
              "in",
              "query",
              "required",
              false,
              "description",
              q.description(),
              "schema",
              Map.of("type", q.type())));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (d.requestBody() != null) {
      op.put(
          "requestBody",
          Map.of(
              "required",
              d.bodyRequired(),
              "content",
              Map.of("application/json", Map.of("schema", ref(d.requestBody())))));
    }
    Map<String, Object> responses = new TreeMap<>();
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", "success");
    if ("text".equals(d.response())) {
      ok.put("content", Map.of("text/plain", Map.of("schema", Map.of("type", "string"))));
    } else if (d.response() != null) {
      Object schema =
          d.responseIsArray()
              ? Map.of("type", "array", "items", ref(d.response()))
              : ref(d.response());
      ok.put("content", Map.of("application/json", Map.of("schema", schema)));
    }
    responses.put(Integer.toString(d.status()), ok);
    Map<Integer, String> errors = new TreeMap<>(d.errors());
    if (!r.permission().isPublic()) {
      errors.putIfAbsent(401, "no or a wrong API key");
      errors.putIfAbsent(403, "the key may not use this route");
      errors.putIfAbsent(429, "rate limited (see Retry-After)");
    }
    if (r.maxBodyBytes() != 0 && !r.method().equals("GET")) {
      errors.putIfAbsent(413, "the body is larger than the limit");
    }
    errors.putIfAbsent(500, "an internal error (the message carries the request id)");
    errors.forEach((status, text) -> responses.put(Integer.toString(status), error(text)));
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> error(String description) {
    return Map.of(
        "description",
        description,
        "headers",
        Map.of(
            "X-Cordum-Error-Code",
            Map.of("description", "the stable error code", "schema", Map.of("type", "string"))),
        "content",
        Map.of(
            "text/plain", Map.of("schema", Map.of("type", "string")),
            "application/problem+json", Map.of("schema", ref("Problem"))));
  }

  private static Map<String, Object> ref(String schema) {
    return Map.of("$ref", "#/components/schemas/" + schema);
  }

  /** A stable operation id such as {@code get_api_v1_jobs_id}. */
  static String operationId(Route r) {
    return (r.method() + r.pattern())
        .toLowerCase(Locale.ROOT)
        .replaceAll("[{}]", "")
        .replaceAll("[^a-z0-9]+", "_")
        .replaceAll("_$", "");
  }
}
