package io.cordum.core.internal.secret;

import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Secret references ({@code secret://<name>}): detection, job tagging and redaction.
 *
 * <p><b>Detection.</b> A reference is {@code secret://} followed by at least one non-whitespace
 * character, anywhere in a string value: a whole value ({@code " secret://db"}, as Cordum detects)
 * or embedded in text ({@code "use secret://db now"}), so no reference slips past the tag. Strings
 * are searched inside maps, lists and JSON (nested objects and arrays); map keys and JSON property
 * names are not. The check is case-sensitive.
 *
 * <p><b>Tagging.</b> {@link #tag} marks a job whose env, labels or input carry a reference as
 * Cordum's gateway does: the risk tag {@value #RISK_TAG} (added once, case-insensitively) and the
 * label {@value #LABEL}{@code =true}. Job submission calls it for every job.
 *
 * <p><b>Redaction.</b> Each reference is replaced by {@value #REDACTED} (text around an embedded
 * one is kept), in a copy: {@link #redactText} for log lines and timeline entries, {@link
 * #redact(Object)} for maps and lists, {@link #redactJson} for JSON bytes and {@link
 * #redact(JobRequest)} for API views of a request.
 */
public final class SecretRefs {
  /** What a reference starts with. */
  public static final String PREFIX = "secret://";

  /** What a reference is replaced with. */
  public static final String REDACTED = "<redacted>";

  /** The risk tag of a job that carries references. */
  public static final String RISK_TAG = "secrets";

  /** The label of a job that carries references (value {@code "true"}). */
  public static final String LABEL = "secrets_present";

  private static final Pattern REF = Pattern.compile(Pattern.quote(PREFIX) + "\\S+");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SecretRefs() {}

  /** Whether a string holds a reference. */
  public static boolean isRef(@Nullable String s) {
    return s != null && s.contains(PREFIX) && REF.matcher(s).find();
  }

  /**
   * Whether a value holds a reference in any string inside it: a string, a map or a list
   * (recursively), or a Jackson {@link JsonNode}. Other values (numbers, booleans, null) hold none.
   */
  public static boolean containsRefs(@Nullable Object value) {
    if (value instanceof String s) {
      return isRef(s);
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(SecretRefs::containsRefs);
    }
    if (value instanceof Iterable<?> l && !(value instanceof JsonNode)) {
      for (Object o : l) {
        if (containsRefs(o)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof JsonNode n) {
      return jsonHasRef(n);
    }
    return false;
  }

  /**
   * Whether JSON bytes hold a reference in any string value. Bytes that are not JSON are searched
   * as UTF-8 text, so a plain-text input is checked too.
   */
  public static boolean jsonContainsRefs(byte @Nullable [] json) {
    if (json == null || json.length == 0) {
      return false;
    }
    if (!mayHoldRef(json)) {
      return false;
    }
    try {
      return jsonHasRef(JSON.readTree(json));
    } catch (JacksonException e) {
      return isRef(new String(json, StandardCharsets.UTF_8));
    }
  }

  /**
   * Whether JSON (or UTF-8 text) bytes can hold a reference: only if they hold the prefix's bytes,
   * or an escape ({@code \}) that could spell it in a JSON string. Most inputs have neither, and
   * skip the parse.
   */
  private static boolean mayHoldRef(byte[] bytes) {
    byte first = (byte) PREFIX.charAt(0);
    int last = bytes.length - PREFIX.length();
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '\\') {
        return true;
      }
      if (b == first && i <= last && startsWithPrefix(bytes, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithPrefix(byte[] bytes, int at) {
    for (int j = 1; j < PREFIX.length(); j++) {
      if (bytes[at + j] != (byte) PREFIX.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** The text with every reference replaced by {@value #REDACTED}. */
  public static String redactText(String s) {
    if (!s.contains(PREFIX)) {
      return s;
    }
    return REF.matcher(s).replaceAll(Matcher.quoteReplacement(REDACTED));
  }

  /**
   * A redacted copy of a value: strings redacted, maps and lists copied (string maps become generic
   * maps, as in Cordum), anything else returned as is.
   */
  public static Redaction<Object> redact(@Nullable Object value) {
    boolean[] changed = {false};
    Object out = copy(value, changed);
    return new Redaction<>(out, changed[0]);
  }

  /**
   * JSON bytes with every reference in a string value redacted. Unchanged input comes back as the
   * very same bytes.
   *
   * @throws ValidationException if the bytes are not JSON
   */
  public static Redaction<byte[]> redactJson(byte[] json) {
    if (json.length == 0) {
      return new Redaction<>(json, false);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new ValidationException("json", "must be valid JSON: " + e.getOriginalMessage());
    }
    if (!jsonHasRef(tree)) {
      return new Redaction<>(json, false);
    }
    return new Redaction<>(JSON.writeValueAsBytes(redactNode(tree)), true);
  }

  /** A copy of a map of strings with every value redacted. */
  public static Map<String, String> redactValues(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, redactText(v)));
    return out;
  }

  /** A view of a request safe to show: env and label values redacted. */
  public static JobRequest redact(JobRequest req) {
    return req.toBuilder().env(redactValues(req.env())).labels(redactValues(req.labels())).build();
  }

  /**
   * The request tagged if its env, labels or input carry a reference (see the class comment);
   * otherwise the request itself.
   */
  public static JobRequest tag(JobRequest req, byte @Nullable [] input) {
    boolean found =
        containsRefs(req.env())
            || containsRefs(req.labels())
            || (req.meta() != null && containsRefs(req.meta().labels()))
            || jsonContainsRefs(input);
    if (!found) {
      return req;
    }
    JobMetadata meta = req.meta() == null ? JobMetadata.builder().build() : req.meta();
    List<String> tags = new ArrayList<>(meta.riskTags());
    if (tags.stream().noneMatch(t -> t.trim().toLowerCase(Locale.ROOT).equals(RISK_TAG))) {
      tags.add(RISK_TAG);
    }
    Map<String, String> labels = new LinkedHashMap<>(req.labels());
    labels.put(LABEL, "true");
    return req.toBuilder().meta(meta.toBuilder().riskTags(tags).build()).labels(labels).build();
  }

  private static boolean jsonHasRef(JsonNode n) {
    if (n.isString()) {
      return isRef(n.asString());
    }
    for (JsonNode child : n) { // array elements or object values
      if (jsonHasRef(child)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode redactNode(JsonNode n) {
    if (n.isString()) {
      return StringNode.valueOf(redactText(n.asString()));
    }
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      n.properties().forEach(e -> o.set(e.getKey(), redactNode(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      n.forEach(e -> a.add(redactNode(e)));
      return a;
    }
    return n;
  }

  private static @Nullable Object copy(@Nullable Object value, boolean[] changed) {
    if (value instanceof String s) {
      String r = redactText(s);
      if (!r.equals(s)) {
        changed[0] = true;
      }
      return r;
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, @Nullable Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, copy(v, changed)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v, changed)));
      return out;
    }
    return value;
  }

  /**
   * A redacted copy and whether anything was redacted.
   *
   * @param value the copy
   * @param changed whether any reference was replaced
   * @param <T> the value type
   */
  public record Redaction<T>(@Nullable T value, boolean changed) {}
}
