package io.cordum.cli;

import io.cordum.client.ClientJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads command-line values: JSON inline, from a file or stdin; durations; key=value lists. */
final class Inputs {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private Inputs() {}

  /**
   * The text of a value that is inline, {@code @file}, a path to an existing file, or {@code -} for
   * stdin.
   */
  static String text(String option, String value, InputStream stdin) {
    try {
      if (value.equals("-")) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (value.startsWith("@")) {
        return Files.readString(Path.of(value.substring(1)));
      }
      String t = value.trim();
      if (!t.startsWith("{")
          && !t.startsWith("[")
          && !t.startsWith("\"")
          && Files.isRegularFile(Path.of(value))) {
        return Files.readString(Path.of(value));
      }
      return value;
    } catch (IOException e) {
      throw CliException.usage(option + ": can not read " + value + ": " + e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      return value;
    }
  }

  /** A file's text. */
  static String file(String option, String path, InputStream stdin) {
    try {
      return path.equals("-")
          ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(path));
    } catch (IOException e) {
      throw CliException.usage(option + ": can not read " + path + ": " + e.getMessage());
    }
  }

  /** {@link #json} where a JSON {@code null} is a usage error. */
  static Object jsonValue(String option, String text) {
    Object v = json(option, text);
    if (v == null) {
      throw CliException.usage(option + " holds null, not a JSON or YAML value");
    }
    return v;
  }

  /** JSON (or YAML) text parsed into plain Java values. */
  static @Nullable Object json(String option, String text) {
    String t = text.trim();
    try {
      if (t.startsWith("{") || t.startsWith("[") || t.startsWith("\"")) {
        return ClientJson.mapper().readValue(t, Object.class);
      }
      return new YAMLMapper().readValue(t, Object.class);
    } catch (RuntimeException e) {
      throw CliException.usage(option + " is not valid JSON or YAML: " + Errors.line(e));
    }
  }

  /** A JSON/YAML object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String option, String text) {
    Object o = json(option, text);
    if (!(o instanceof Map<?, ?>)) {
      throw CliException.usage(option + " must be a JSON object");
    }
    return (Map<String, Object>) o;
  }

  /** {@code k=v} pairs, or a JSON object of strings. */
  static Map<String, String> labels(String option, List<String> values, InputStream stdin) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : values) {
      String t = v.trim();
      if (t.startsWith("{") || t.startsWith("@")) {
        object(option, text(option, t, stdin)).forEach((k, x) -> m.put(k, String.valueOf(x)));
        continue;
      }
      for (String part : t.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw CliException.usage(option + " takes key=value (or a JSON object), was " + part);
        }
        m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    return m;
  }

  /** A duration: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms}, or plain seconds. */
  static Duration duration(String option, String value) {
    String v = value.trim();
    if (v.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    Matcher m = DURATION.matcher(v);
    Duration d = Duration.ZERO;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      long ms =
          switch (m.group(2)) {
            case "ms" -> (long) n;
            case "s" -> (long) (n * 1000);
            case "m" -> (long) (n * 60_000);
            case "h" -> (long) (n * 3_600_000);
            default -> (long) (n * 86_400_000);
          };
      d = d.plusMillis(ms);
      at = m.end();
    }
    if (at != v.length() || at == 0) {
      throw CliException.usage(
          option + " must be a duration such as 30s, 5m or 1h30m, was " + value);
    }
    return d;
  }

  /** Writes bytes to a file or stdout ({@code -}). */
  static void writeFile(String path, byte[] bytes, java.io.PrintStream out) {
    try {
      if (path.equals("-")) {
        out.write(bytes);
        out.flush();
      } else {
        Files.write(Path.of(path), bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("can not write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Comma lists given once or repeated: {@code a,b --x c}. */
  static List<String> commaList(List<String> values) {
    return values.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
