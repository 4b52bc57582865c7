package io.cordum.server.internal;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The server's settings from its three sources, in precedence order: command-line flags ({@code
 * --NATS_URL=nats://...}), the environment, and an optional YAML file ({@code --config FILE} or
 * {@code CORDUM_CONFIG}). Names are Cordum's variable names; a flag or file key may also be written
 * in lower case with dashes or dots ({@code nats-url}, {@code nats.url}), and nested YAML maps join
 * their keys with {@code _} ({@code nats: {url: ...}} is {@code NATS_URL}).
 *
 * @param settings flags over the environment over the file
 * @param explicit the names given by flags or the file, each with its source, for the check that
 *     every one of them is a known setting (the environment holds unrelated variables too)
 * @param file the config file, if any
 * @param help whether {@code --help} was given
 * @param version whether {@code --version} was given
 */
public record SettingsSources(
    Settings settings,
    Map<String, String> explicit,
    @Nullable Path file,
    boolean help,
    boolean version) {

  /** The flag and variable that name the config file. */
  public static final String CONFIG = "CORDUM_CONFIG";

  /**
   * Reads the arguments and, when one is named, the config file.
   *
   * @throws ValidationException naming each bad argument, or the file and its problem
   */
  public static SettingsSources load(List<String> args, Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<Violation> problems = new ArrayList<>();
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
        continue;
      }
      if (a.equals("--version")) {
        version = true;
        continue;
      }
      if (!a.startsWith("--") || a.length() == 2) {
        problems.add(
            new Violation(
                a,
                "is not an option: options look like --NAME=value or"
                    + " --config FILE (see --help)"));
        continue;
      }
      String body = a.substring(2);
      String name;
      String value;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        name = body.substring(0, eq);
        value = body.substring(eq + 1);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        name = body;
        value = args.get(++i);
      } else {
        problems.add(new Violation("--" + body, "needs a value: --" + body + "=VALUE"));
        continue;
      }
      String n = normalize(name);
      if (n.equals("CONFIG")) {
        n = CONFIG;
      }
      if (n.isEmpty()) {
        problems.add(new Violation(a, "has no setting name"));
        continue;
      }
      flags.put(n, value);
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    String fileName = flags.remove(CONFIG);
    String fileSource = "--config";
    if (fileName == null || fileName.isBlank()) {
      fileName = env.get(CONFIG);
      fileSource = CONFIG;
    }
    Map<String, String> fileValues = Map.of();
    Path file = null;
    if (fileName != null && !fileName.isBlank()) {
      file = Path.of(fileName.trim());
      fileValues = readYaml(file, fileSource);
    }
    Map<String, String> explicit = new LinkedHashMap<>();
    for (String k : fileValues.keySet()) {
      explicit.put(k, String.valueOf(file));
    }
    flags.keySet().forEach(k -> explicit.put(k, "the command line"));
    Settings s = Settings.of("the command line", flags).over(Settings.of("the environment", env));
    if (file != null) {
      s = s.over(Settings.of(file.toString(), fileValues));
    }
    return new SettingsSources(s, explicit, file, help, version);
  }

  /** {@code nats-url}, {@code nats.url} and {@code NATS_URL} are one name. */
  static String normalize(String name) {
    return name.trim().replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Reads a YAML mapping of setting names to values, flattening nested mappings. */
  static Map<String, String> readYaml(Path file, String source) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ValidationException(
          source,
          "cannot read the config file "
              + file
              + ": "
              + (Files.exists(file) ? e.getMessage() : "it does not exist"));
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JacksonException e) {
      throw new ValidationException(
          source,
          "the config file "
              + file
              + " is not valid YAML: "
              + e.getOriginalMessage()
              + location(e));
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      throw new ValidationException(
          source,
          "the config file "
              + file
              + " must be a mapping of"
              + " setting names to values (such as NATS_URL: nats://127.0.0.1:4222)");
    }
    List<Violation> problems = new ArrayList<>();
    flatten("", root, out, problems, file);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return out;
  }

  private static String location(JacksonException e) {
    var loc = e.getLocation();
    return loc == null || loc.getLineNr() < 1 ? "" : " (line " + loc.getLineNr() + ")";
  }

  private static void flatten(
      String prefix, JsonNode node, Map<String, String> out, List<Violation> problems, Path file) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = prefix.isEmpty() ? normalize(e.getKey()) : prefix + "_" + normalize(e.getKey());
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(name, v, out, problems, file);
      } else if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        for (JsonNode x : v) {
          if (x.isContainer()) {
            problems.add(
                new Violation(
                    name,
                    "must be a value or a list of values in "
                        + file
                        + " (write JSON settings such as CORDUM_API_KEYS as a quoted string)"));
            return;
          }
          parts.add(x.asString());
        }
        out.put(name, String.join(",", parts));
      } else if (!v.isNull()) {
        if (out.containsKey(name)) {
          problems.add(new Violation(name, "is set twice in " + file));
        }
        out.put(name, v.asString());
      }
    }
  }

  /** The explicit names (flags, file) that no reader knows. */
  public Set<String> unknown(Set<String> known) {
    Set<String> out = new TreeSet<>(explicit.keySet());
    out.removeAll(known);
    return out;
  }
}
