package io.cordum.cli;

import io.cordum.client.CordumClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Named contexts (a gateway and a key each) in a YAML file, as kubectl keeps clusters: {@code
 * $CORDUMCTL_CONFIG}, else {@code $XDG_CONFIG_HOME/cordum/cordumctl.yaml}, else {@code
 * ~/.config/cordum/cordumctl.yaml}. The file holds keys, so it is written readable by its owner
 * only.
 *
 * <pre>
 * current-context: prod
 * contexts:
 *   prod:
 *     gateway: https://cordum.example.com
 *     api-key: ...
 * </pre>
 *
 * <p>Where the gateway comes from: the context named by {@code --context} (whose fields {@code
 * --gateway}/{@code --api-key} may override), else {@code --gateway} or {@code CORDUM_GATEWAY}
 * (with {@code --api-key} or {@code CORDUM_API_KEY}), else the current context, else {@code
 * http://localhost:8081}. A context's key is only ever sent to that context's gateway.
 */
final class Contexts {
  private Contexts() {}

  /** A gateway, a key, and where they came from. */
  record Target(String gateway, String apiKey, String source) {}

  /** One context. */
  record Context(String gateway, String apiKey) {}

  /** The file's content. */
  record File(@Nullable String current, Map<String, Context> contexts) {}

  static Path path(Map<String, String> env) {
    String explicit = env.get("CORDUMCTL_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit.trim());
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg.trim())
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return base.resolve("cordum").resolve("cordumctl.yaml");
  }

  static Target resolve(
      @Nullable String flagGateway,
      @Nullable String flagKey,
      @Nullable String contextName,
      Map<String, String> env) {
    String envGateway = trimmed(env.get("CORDUM_GATEWAY"));
    String envKey = trimmed(env.get("CORDUM_API_KEY"));
    String gateway;
    String key;
    String source;
    if (contextName != null && !contextName.isBlank()) {
      Context named = read(env).contexts().get(contextName);
      if (named == null) {
        throw CliException.usage(
            "no context " + contextName + " in " + path(env) + " (see 'cordumctl context list')");
      }
      gateway = first(flagGateway, named.gateway());
      key = first(flagKey, named.apiKey());
      source = "context " + contextName;
    } else if (flagGateway != null && !flagGateway.isBlank() || !envGateway.isEmpty()) {
      gateway = first(flagGateway, envGateway);
      key = first(flagKey, envKey);
      source = flagGateway != null && !flagGateway.isBlank() ? "--gateway" : "CORDUM_GATEWAY";
    } else {
      File f = read(env);
      Context current = f.current() == null ? null : f.contexts().get(f.current());
      if (current != null) {
        // A context's key goes only to that context's gateway.
        gateway = first(current.gateway(), CordumClient.DEFAULT_GATEWAY);
        key = first(flagKey, envKey, current.apiKey());
        source = "context " + f.current();
      } else {
        gateway = CordumClient.DEFAULT_GATEWAY;
        key = first(flagKey, envKey);
        source = "default";
      }
    }
    return new Target(gateway, key, source);
  }

  private static String first(@Nullable String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return "";
  }

  private static String trimmed(@Nullable String s) {
    return s == null ? "" : s.trim();
  }

  static File read(Map<String, String> env) {
    Path p = path(env);
    if (!Files.exists(p)) {
      return new File(null, new LinkedHashMap<>());
    }
    try {
      Map<?, ?> m = new YAMLMapper().readValue(p.toFile(), Map.class);
      Map<String, Context> contexts = new LinkedHashMap<>();
      if (m != null && m.get("contexts") instanceof Map<?, ?> cs) {
        cs.forEach(
            (k, v) -> {
              Map<?, ?> c = v instanceof Map<?, ?> mm ? mm : Map.of();
              contexts.put(
                  String.valueOf(k), new Context(str(c.get("gateway")), str(c.get("api-key"))));
            });
      }
      Object cur = m == null ? null : m.get("current-context");
      return new File(cur == null ? null : cur.toString(), contexts);
    } catch (RuntimeException e) {
      throw new CliException(Exit.ERROR, "can not read " + p + ": " + Errors.line(e));
    }
  }

  private static String str(@Nullable Object o) {
    return o == null ? "" : o.toString();
  }

  static void write(Map<String, String> env, File f) {
    Path p = path(env);
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.current() != null) {
      m.put("current-context", f.current());
    }
    Map<String, Object> cs = new LinkedHashMap<>();
    f.contexts()
        .forEach(
            (k, c) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("gateway", c.gateway());
              if (!c.apiKey().isEmpty()) {
                e.put("api-key", c.apiKey());
              }
              cs.put(k, e);
            });
    m.put("contexts", cs);
    try {
      Files.createDirectories(p.toAbsolutePath().getParent());
      Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
      Files.writeString(tmp, new YAMLMapper().writeValueAsString(m));
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the platform's defaults apply
      }
      Files.move(
          tmp,
          p,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("can not write " + p + ": " + e.getMessage(), e);
    }
  }
}
