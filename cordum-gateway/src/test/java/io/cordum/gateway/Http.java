package io.cordum.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for tests (java.net.http, keep-alive). */
final class Http {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final Map<String, String> headers = new LinkedHashMap<>();

  Http(URI base) {
    this.base = base;
  }

  /** The same client with a default header. */
  Http with(String name, String value) {
    Http h = new Http(base);
    h.headers.putAll(headers);
    h.headers.put(name, value);
    return h;
  }

  Resp get(String path, String... hdrs) {
    return send("GET", path, null, hdrs);
  }

  Resp delete(String path, String... hdrs) {
    return send("DELETE", path, null, hdrs);
  }

  Resp post(String path, String body, String... hdrs) {
    return send("POST", path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), hdrs);
  }

  Resp put(String path, String body, String... hdrs) {
    return send("PUT", path, body.getBytes(StandardCharsets.UTF_8), hdrs);
  }

  Resp send(String method, String path, byte[] body, String... hdrs) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    for (int i = 0; i + 1 < hdrs.length; i += 2) {
      b.setHeader(hdrs[i], hdrs[i + 1]);
    }
    if (body != null && (hdrs.length == 0 || !List.of(hdrs).contains("Content-Type"))) {
      b.setHeader("Content-Type", "application/json");
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Resp(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Resp(int status, Map<String, List<String>> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return JSON.readTree(bytes);
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(", ", e.getValue());
        }
      }
      return null;
    }

    List<String> fieldNames() {
      List<String> out = new ArrayList<>();
      json().propertyNames().forEach(out::add);
      return out;
    }

    @Override
    public String toString() {
      return status + " " + body();
    }
  }
}
