package io.cordum.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks that a record keeps everything the gateway sent: the record written back with the client's
 * mapping equals the gateway's JSON, once empty values (which the gateway leaves out or writes as
 * {@code ""}, {@code []}, {@code null}) are dropped on both sides.
 */
final class WireFidelity {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WireFidelity() {}

  /** The gateway's raw JSON for a GET. */
  static JsonNode raw(TestGateway gw, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(gw.url() + path))
                  .header("X-API-Key", TestGateway.KEY)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return ClientJson.mapper().readTree(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Asserts that the value, written back, equals the raw JSON (empties dropped). */
  static void assertKeeps(JsonNode raw, Object value) {
    JsonNode mine = strip(ClientJson.mapper().valueToTree(value).deepCopy());
    JsonNode theirs = strip(raw.deepCopy());
    java.util.List<String> diffs = new java.util.ArrayList<>();
    diff("$", theirs, mine, diffs);
    assertThat(diffs)
        .as("record %s differs from the wire", value.getClass().getSimpleName())
        .isEmpty();
  }

  private static void diff(String path, JsonNode wire, JsonNode rec, java.util.List<String> out) {
    if (wire.isObject() && rec.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>(wire.propertyNames());
      names.addAll(rec.propertyNames());
      for (String n : names) {
        JsonNode a = wire.get(n);
        JsonNode b = rec.get(n);
        if (a == null || b == null) {
          out.add(path + "." + n + ": wire " + a + ", record " + b);
        } else {
          diff(path + "." + n, a, b, out);
        }
      }
    } else if (wire.isArray() && rec.isArray() && wire.size() == rec.size()) {
      for (int i = 0; i < wire.size(); i++) {
        diff(path + "[" + i + "]", wire.get(i), rec.get(i), out);
      }
    } else if (!wire.equals(rec)) {
      out.add(path + ": wire " + wire + ", record " + rec);
    }
  }

  static JsonNode strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = strip(e.getValue());
        if (empty(v)) {
          it.remove();
        } else {
          e.setValue(v);
        }
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, strip(a.get(i)));
      }
      return a;
    }
    if (n.isNumber()) {
      // 1, 1L and 1.0 are the same number on the wire
      double d = n.asDouble();
      return n.isIntegralNumber() || d == Math.rint(d)
          ? ClientJson.mapper().getNodeFactory().numberNode(n.asLong())
          : ClientJson.mapper().getNodeFactory().numberNode(d);
    }
    return n;
  }

  private static boolean empty(JsonNode v) {
    return v.isNull()
        || v.isString() && v.asString().isEmpty()
        || v.isContainer() && v.isEmpty()
        || v.isBoolean() && !v.asBoolean()
        || v.isNumber() && v.asDouble() == 0;
  }
}
