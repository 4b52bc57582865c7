package io.cordum.gateway.internal;

import io.cordum.gateway.route.Route;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Matches requests to the route table with Go 1.22 {@code ServeMux} semantics: the path is split on
 * raw {@code /} before decoding (so {@code %2F} stays inside a segment), a literal segment beats a
 * parameter at the same position, a path served with other methods is 405 with the methods listed,
 * and {@code GET} routes answer {@code HEAD}. Unlike Go, paths with empty, {@code .} or {@code ..}
 * segments are rejected (400) instead of redirected.
 *
 * <p>Immutable and thread-safe.
 */
public final class Router {
  /** The outcome of a match. */
  public sealed interface Result {}

  /** A route matched. */
  public record Found(Route route, Map<String, String> params) implements Result {}

  /** The path is served, but not with this method. */
  public record MethodNotAllowed(List<String> allow) implements Result {}

  /** No route has this path. */
  public record NotFound() implements Result {}

  /** The path is malformed. */
  public record BadPath(String reason) implements Result {}

  private record Compiled(Route route, @Nullable String[] literals, String[] names) {}

  private final Map<Integer, List<Compiled>> bySize = new HashMap<>();

  /** Compiles the table. */
  public Router(List<Route> routes) {
    List<Compiled> all = new ArrayList<>();
    for (Route r : routes) {
      String[] segs =
          r.pattern().equals("/") ? new String[] {""} : r.pattern().substring(1).split("/", -1);
      String[] lit = new String[segs.length];
      String[] names = new String[segs.length];
      for (int i = 0; i < segs.length; i++) {
        String s = segs[i];
        if (s.startsWith("{") && s.endsWith("}")) {
          names[i] = s.substring(1, s.length() - 1);
        } else {
          lit[i] = s;
        }
      }
      all.add(new Compiled(r, lit, names));
    }
    // Literal before parameter, segment by segment; ties keep declaration order.
    Comparator<Compiled> specificity =
        (a, b) -> {
          for (int i = 0; i < Math.min(a.literals.length, b.literals.length); i++) {
            boolean la = a.literals[i] != null;
            boolean lb = b.literals[i] != null;
            if (la != lb) {
              return la ? -1 : 1;
            }
          }
          return 0;
        };
    // Sorted within each length only: across lengths the order is not transitive, and a sort
    // with such a comparator may leave a parameter route before a literal one.
    all.forEach(c -> bySize.computeIfAbsent(c.literals.length, k -> new ArrayList<>()).add(c));
    bySize.values().forEach(l -> l.sort(specificity));
  }

  /**
   * Matches a request.
   *
   * @param method the HTTP method
   * @param rawPath the path as sent, still percent-encoded
   */
  public Result match(String method, String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return new BadPath("the path must start with /");
    }
    String[] raw = rawPath.equals("/") ? new String[] {""} : rawPath.substring(1).split("/", -1);
    String[] segs = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      String d = decode(raw[i]);
      if (d == null) {
        return new BadPath("the path has a malformed percent-encoding");
      }
      if (raw.length > 1 && raw[i].isEmpty() || d.equals(".") || d.equals("..")) {
        return new BadPath("the path must not contain empty, '.' or '..' segments");
      }
      segs[i] = d;
    }
    List<Compiled> candidates = bySize.get(segs.length);
    if (candidates == null) {
      return new NotFound();
    }
    String want = method.equals("HEAD") ? "GET" : method;
    TreeSet<String> allow = new TreeSet<>();
    for (Compiled c : candidates) {
      if (!matches(c, segs)) {
        continue;
      }
      if (c.route.method().equals(want)) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segs.length; i++) {
          if (c.names[i] != null) {
            params.put(c.names[i], segs[i]);
          }
        }
        return new Found(c.route, params);
      }
      allow.add(c.route.method());
    }
    if (allow.isEmpty()) {
      return new NotFound();
    }
    if (allow.contains("GET")) {
      allow.add("HEAD");
    }
    allow.add("OPTIONS");
    return new MethodNotAllowed(List.copyOf(allow));
  }

  private static boolean matches(Compiled c, String[] segs) {
    for (int i = 0; i < segs.length; i++) {
      String lit = c.literals[i];
      if (lit != null ? !lit.equals(segs[i]) : segs[i].isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Percent-decodes one segment as UTF-8; {@code null} when malformed. */
  static @Nullable String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return Json.utf8(out.toByteArray());
  }
}
