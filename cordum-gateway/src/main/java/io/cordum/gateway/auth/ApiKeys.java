package io.cordum.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured API keys, held only as SHA-256 digests. Lookup compares the digest of the
 * presented key with every configured digest in constant time (no early exit), so neither the
 * position of a match nor the first differing byte shows in the response time.
 *
 * <p>Keys are read from Cordum's variables: {@code CORDUM_API_KEYS} (a JSON list {@code
 * [{"key":"k"}]}, a JSON map {@code {"k":{...}}}, a wrapped list {@code {"keys":[...]}} or a
 * comma-separated list, where an entry {@code tenant:key:role:principal} contributes its second
 * field), plus one key from the first non-empty of {@code CORDUM_SUPER_SECRET_API_TOKEN}, {@code
 * CORDUM_API_KEY} and {@code API_KEY}. Values are trimmed of whitespace and of surrounding quotes.
 * Neither {@link #toString()} nor any exception message contains a key.
 */
public final class ApiKeys {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The single-key variables, in order of precedence. */
  public static final List<String> SINGLE_KEY_VARIABLES =
      List.of("CORDUM_SUPER_SECRET_API_TOKEN", "CORDUM_API_KEY", "API_KEY");

  /**
   * One configured key: its digest and the optional facts its entry gave.
   *
   * @param id a stable, non-secret id ({@code key-1}, {@code key-2}, ... in configuration order)
   * @param tenant the tenant its entry named, or {@code ""}
   * @param role the role its entry named, or {@code ""}
   * @param principal the principal its entry named, or {@code ""}
   */
  public record Entry(String id, String tenant, String role, String principal) {}

  private final List<byte[]> digests;
  private final List<Entry> entries;

  private ApiKeys(List<byte[]> digests, List<Entry> entries) {
    this.digests = digests;
    this.entries = entries;
  }

  /** No keys. */
  public static ApiKeys none() {
    return new ApiKeys(List.of(), List.of());
  }

  /** The given plain keys (blank ones are ignored). */
  public static ApiKeys of(String... keys) {
    Builder b = new Builder();
    for (String k : keys) {
      b.add(k, "", "", "");
    }
    return b.build();
  }

  /** Reads the keys from the process environment. */
  public static ApiKeys fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the keys from the given variables.
   *
   * @throws IllegalArgumentException if {@code CORDUM_API_KEYS} looks like JSON but is not valid
   *     (the message never contains the value)
   */
  public static ApiKeys fromEnvironment(Map<String, String> env) {
    Builder b = new Builder();
    String list = env.getOrDefault("CORDUM_API_KEYS", "");
    if (!list.isBlank()) {
      parseList(list.trim(), b);
    }
    for (String name : SINGLE_KEY_VARIABLES) {
      String v = normalize(env.get(name));
      if (!v.isEmpty()) {
        b.add(v, "", "", "");
        break;
      }
    }
    return b.build();
  }

  private static void parseList(String raw, Builder b) {
    if (raw.startsWith("[") || raw.startsWith("{")) {
      JsonNode root;
      try {
        root = JSON.readTree(raw);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "CORDUM_API_KEYS: not valid JSON (a list, a map or {\"keys\":[...]} was expected)");
      }
      if (root.isObject() && root.has("keys") && root.get("keys").isArray()) {
        root = root.get("keys");
      }
      if (root.isArray()) {
        for (JsonNode e : root) {
          if (e.isString()) {
            b.add(e.asString(), "", "", "");
          } else if (e.isObject()) {
            b.add(
                text(e, "key"),
                text(e, "tenant", "tenant_id"),
                text(e, "role"),
                text(e, "principal", "principal_id"));
          }
        }
      } else if (root.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode v = e.getValue();
          b.add(
              e.getKey(),
              text(v, "tenant", "tenant_id"),
              text(v, "role"),
              text(v, "principal", "principal_id"));
        }
      }
      return;
    }
    for (String part : raw.split(",")) {
      String p = normalize(part);
      if (p.isEmpty()) {
        continue;
      }
      if (p.contains(":")) {
        String[] f = p.split(":", -1);
        b.add(f[1], f[0], f.length > 2 ? f[2] : "", f.length > 3 ? f[3] : "");
      } else {
        b.add(p, "", "", "");
      }
    }
  }

  private static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isString()) {
        return v.asString().trim();
      }
    }
    return "";
  }

  /** Trims whitespace and one pair of surrounding quotes (a common {@code .env} mistake). */
  static String normalize(@Nullable String v) {
    if (v == null) {
      return "";
    }
    String s = v.trim();
    if (s.length() >= 2
        && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  /** Whether no key is configured. */
  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** How many distinct keys are configured. */
  public int size() {
    return digests.size();
  }

  /** The entries, in configuration order (ids and facts, no secrets). */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * The entry of the presented key, compared in constant time against every configured key.
   *
   * @param presented the key the client sent, or {@code null}
   */
  public Optional<Entry> match(@Nullable String presented) {
    if (presented == null || digests.isEmpty()) {
      return Optional.empty();
    }
    byte[] d = sha256(normalize(presented));
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      // Every digest is compared; no early exit.
      boolean eq = MessageDigest.isEqual(digests.get(i), d);
      found = eq && found < 0 ? i : found;
    }
    return found < 0 ? Optional.empty() : Optional.of(entries.get(found));
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ApiKeys[" + digests.size() + " configured]";
  }

  private static final class Builder {
    private final List<byte[]> digests = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();

    void add(String key, String tenant, String role, String principal) {
      String k = normalize(key);
      if (k.isEmpty()) {
        return;
      }
      byte[] d = sha256(k);
      String hex = java.util.HexFormat.of().formatHex(d);
      if (!seen.add(hex)) {
        return;
      }
      digests.add(d);
      entries.add(new Entry("key-" + digests.size(), tenant.trim(), role.trim(), principal.trim()));
    }

    ApiKeys build() {
      return new ApiKeys(List.copyOf(digests), List.copyOf(entries));
    }
  }
}
