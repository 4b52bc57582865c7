package io.cordum.core.internal.config;

import io.cordum.api.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON: object keys sorted by code point (the byte order of their UTF-8), no whitespace,
 * arrays in order, and every integral number written as an integer ({@code 60.0} becomes {@code
 * 60}), so equal data always gives equal text and an equal hash, also after a round trip through a
 * store. Values are maps with string keys, lists (or other collections), strings, numbers,
 * booleans, {@code null} and Jackson trees; anything else is rejected.
 */
public final class CanonicalJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CanonicalJson() {}

  /**
   * The canonical text of a value.
   *
   * @throws ValidationException naming the path of a value that JSON cannot hold (a function, an
   *     arbitrary object, NaN or an infinity)
   */
  public static String write(@Nullable Object value) {
    return MAPPER.writeValueAsString(tree(value, "$"));
  }

  /** Hex SHA-256 of {@link #write(Object)}. */
  public static String sha256(@Nullable Object value) {
    return sha256Hex(write(value));
  }

  /** Hex SHA-256 of the UTF-8 bytes of a text. */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** The value as a canonical tree (sorted objects, integral numbers as integers). */
  static JsonNode tree(@Nullable Object value, String path) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode n) {
      return tree(JsonValues.toJava(n), path);
    }
    if (value instanceof Map<?, ?> m) {
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        if (!(k instanceof String s)) {
          throw new ValidationException(path, "object keys must be strings, found " + k);
        }
        keys.add(s);
      }
      keys.sort(CanonicalJson::compareCodePoints);
      ObjectNode o = NODES.objectNode();
      for (String k : keys) {
        o.set(k, tree(m.get(k), path + "." + k));
      }
      return o;
    }
    if (value instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      int i = 0;
      for (Object v : c) {
        a.add(tree(v, path + "[" + i++ + "]"));
      }
      return a;
    }
    if (value instanceof String s) {
      return NODES.stringNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Number n) {
      return number(n, path);
    }
    throw new ValidationException(
        path,
        "unsupported value of type "
            + value.getClass().getName()
            + "; use maps, lists, strings, numbers, booleans or null");
  }

  private static JsonNode number(Number n, String path) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return NODES.numberNode(n.longValue());
    }
    if (n instanceof BigInteger b) {
      return b.bitLength() < 64 ? NODES.numberNode(b.longValue()) : NODES.numberNode(b);
    }
    BigDecimal d;
    if (n instanceof BigDecimal bd) {
      d = bd;
    } else {
      double v = n.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new ValidationException(path, "must be a finite number, was " + v);
      }
      if (v == Math.rint(v) && Math.abs(v) < 0x1p63) {
        return NODES.numberNode((long) v);
      }
      return NODES.numberNode(v);
    }
    try {
      BigInteger exact = d.toBigIntegerExact();
      return exact.bitLength() < 64 ? NODES.numberNode(exact.longValue()) : NODES.numberNode(exact);
    } catch (ArithmeticException notIntegral) {
      return NODES.numberNode(d.doubleValue());
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
